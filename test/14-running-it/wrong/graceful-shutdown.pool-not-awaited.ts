// mistake: calls pool.end() without awaiting it, so exit() runs while the pool is still closing its connections.
/**
 * A node:http service that shuts down the way gunicorn's master shuts a
 * Django worker down: readiness first, then no new connections, then the
 * requests in flight finish (each answered with Connection: close, so no
 * keep-alive socket carries another), a deadline for the ones that never
 * end, the pool closed once after the last response, and one exit code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type App = (req: IncomingMessage, res: ServerResponse) => void;

export interface Pool {
  end(): Promise<void>;
}

export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

export interface Signals {
  on(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
  off(event: ShutdownSignal, listener: (signal: ShutdownSignal) => void): unknown;
}

export interface Options {
  app: App;
  pool: Pool;
  log: Logger;
  deadlineMs: number;
  readinessDelayMs?: number;
  port?: number;
  host?: string;
  signals?: Signals;
  exit?: (code: number) => void;
}

export interface Running {
  server: Server;
  url: string;
  shutdown(reason: string): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function start(options: Options): Promise<Running> {
  const { app, pool, log, deadlineMs, readinessDelayMs = 0, port = 0, host = '127.0.0.1' } = options;
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));

  let draining = false;
  // Responses whose head has not gone out yet: told to close when draining starts.
  const open = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    else {
      open.add(res);
      res.on('finish', () => {
        open.delete(res);
        // A response whose head went out with keep-alive leaves an idle socket behind.
        if (draining) server.closeIdleConnections();
      });
    }
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/readyz') {
      return draining ? json(res, 503, { status: 'draining' }) : json(res, 200, { status: 'ready' });
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
  const { port: bound } = server.address() as AddressInfo;

  let done: Promise<void> | undefined;
  const onSignal = (signal: ShutdownSignal) => void shutdown(signal);

  function shutdown(reason: string): Promise<void> {
    done ??= run(reason);
    return done;
  }

  async function run(reason: string): Promise<void> {
    log.info({ signal: reason }, 'shutdown started');
    draining = true;
    for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');

    let cut = false;
    const deadline = setTimeout(() => {
      cut = true;
      log.warn({ deadlineMs }, 'deadline reached: closing the connections still open');
      server.closeAllConnections();
    }, deadlineMs);

    if (readinessDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, readinessDelayMs));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(deadline);

    let exitCode = cut ? 1 : 0;
    try {
      void pool.end();
    } catch (error) {
      exitCode = 1;
      log.error({ error: error instanceof Error ? error.name : typeof error }, 'closing the pool failed');
    }
    signals.off('SIGTERM', onSignal);
    signals.off('SIGINT', onSignal);
    log.info({ exitCode }, 'shutdown complete');
    exit(exitCode);
  }

  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);
  return { server, url: `http://127.0.0.1:${bound}`, shutdown };
}
