/**
 * Graceful shutdown for a Hono app served by @hono/node-server. serve()
 * returns a plain node:http Server and installs no signal handler: the
 * sequence below is yours to write.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probes, type Lifecycle } from './health.ts';

export interface Pool {
  end(): Promise<void>;
  query(sql: string): Promise<unknown>;
}

export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

// #region app
export function createApp(state: Lifecycle, pool: Pool) {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    // While draining, tell every client not to reuse its connection.
    if (state.draining) c.header('Connection', 'close');
  });
  const { healthz, readyz } = probes(state, () => pool.query('SELECT 1'));
  app.get('/healthz', () => healthz());
  app.get('/readyz', () => readyz());
  app.get('/invoices/:id', async (c) => {
    await pool.query('SELECT ...');
    return c.json({ id: Number(c.req.param('id')) });
  });
  return app;
}
// #endregion

export interface ShutdownDeps {
  state: Lifecycle;
  pool: Pool;
  log: Log;
  deadlineMs: number;
  /** `process`, or an EventEmitter in tests. */
  signals?: { on(event: 'SIGTERM' | 'SIGINT', listener: (signal: string) => void): unknown };
  exit?: (code: number) => void;
}

// #region shutdown
export function shutdownOnSignals(server: Server, deps: ShutdownDeps) {
  const { state, pool, log, deadlineMs, signals = process, exit = (code) => process.exit(code) } = deps;
  let started = false;
  const shutdown = async (signal: string, code = 0) => {
    if (started) return; // a second Ctrl-C changes nothing
    started = true;
    log.info({ signal }, 'shutting down');
    state.draining = true; // 1. readiness 503, Connection: close
    const deadline = setTimeout(() => {
      log.warn({ deadlineMs }, 'deadline: cutting open connections');
      server.closeAllConnections(); // 4. what never ends is cut
      code = 1;
    }, deadlineMs);
    // 2. stop accepting, close idle sockets; 3. wait for in-flight requests
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(deadline);
    await pool.end(); // 5. only after the last response
    log.info({ exitCode: code }, 'bye');
    exit(code); // 6.
  };
  signals.on('SIGTERM', shutdown);
  signals.on('SIGINT', shutdown);
  return shutdown;
}
// #endregion

// #region main
export async function main(deps: ShutdownDeps & { port: number }) {
  const app = createApp(deps.state, deps.pool);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: deps.port, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const shutdown = shutdownOnSignals(server, deps);
  return { server, port: (server.address() as AddressInfo).port, shutdown };
}
// #endregion
