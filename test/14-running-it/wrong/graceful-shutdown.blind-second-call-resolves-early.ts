// mistake: a second shutdown() call returns a new, already resolved promise instead of the same one, so awaiting it does not wait until exit has been called
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** The service's own request handler (everything but /healthz and /readyz). */
export type App = (req: IncomingMessage, res: ServerResponse) => void;

/** The database pool (pg.Pool has this method). */
export interface Pool {
  end(): Promise<void>;
}

/** The part of a pino logger used here: fields first, then the message. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

/** `process`, or a stand-in EventEmitter in the grader. */
export interface Signals {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
}

export interface Options {
  app: App;
  pool: Pool;
  log: Logger;
  /** Measured from the signal: at this point whatever is still open is cut. */
  deadlineMs: number;
  /** How long the listener stays open after readiness turned 503. Default 0. */
  readinessDelayMs?: number;
  port?: number;
  host?: string;
  signals?: Signals;
  exit?: (code: number) => void;
}

export interface Running {
  server: Server;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** What SIGTERM and SIGINT call; calling it again returns the same promise. */
  shutdown(reason: string): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function start(options: Options): Promise<Running> {
  const { app, pool, log, deadlineMs } = options;
  const readinessDelayMs = options.readinessDelayMs ?? 0;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const signals: Signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));

  let draining = false;
  // Responses that are still being worked on.
  const open = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    open.add(res);
    res.on('close', () => open.delete(res));
    res.on('finish', () => {
      // A response whose head went out with keep-alive: its socket is idle now.
      if (draining) server.closeIdleConnections();
    });

    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (req.method === 'GET' && path === '/readyz') {
      if (draining) sendJson(res, 503, { status: 'draining' });
      else sendJson(res, 200, { status: 'ready' });
      return;
    }
    app(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${boundPort}`;

  const onSignal = (signal: ShutdownSignal) => {
    void shutdown(signal);
  };

  let shuttingDown = false;

  async function drain(reason: string): Promise<void> {
    log.info({ signal: reason }, 'shutting down');
    draining = true;
    for (const res of open) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }

    let cut = false;
    const deadline = setTimeout(() => {
      cut = true;
      log.warn({ deadlineMs }, 'deadline reached, closing the remaining connections');
      server.closeAllConnections();
    }, deadlineMs);

    if (readinessDelayMs > 0) await sleep(readinessDelayMs);

    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(deadline);

    let exitCode = cut ? 1 : 0;
    try {
      await pool.end();
    } catch (err) {
      exitCode = 1;
      const name = err instanceof Error ? err.name : 'Error';
      log.error({ error: name }, 'closing the database pool failed');
    }

    signals.off('SIGTERM', onSignal);
    signals.off('SIGINT', onSignal);
    log.info({ exitCode }, 'exiting');
    exit(exitCode);
  }

  function shutdown(reason: string): Promise<void> {
    // Already shutting down: nothing more to do.
    if (shuttingDown) return Promise.resolve();
    shuttingDown = true;
    return drain(reason);
  }

  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);

  return { server, url, shutdown };
}
