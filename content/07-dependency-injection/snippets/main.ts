/**
 * The composition root: the one file that knows every concrete piece.
 * Production calls main(process.env, platform) with pg and a real server;
 * the chapter's tests call it with fakes.
 */
import type { Db } from '#lib/db';
import { createApp, createTokenAuth } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import { loadConfig } from './config.ts';
import { createInvoiceHandlers } from './handlers.ts';
import { jsonLogger } from './logger.ts';
import { httpReceipts } from './receipts.ts';

// #region platform
export type Env = Record<string, string | undefined>;
type Fetch = (request: Request) => Response | Promise<Response>;

/** The outside world, in four functions. */
export interface Platform {
  connect(databaseUrl: string): Db; // (url) => new pg.Pool(…)
  listen(server: { fetch: Fetch; port: number }): void;
  write(line: string): void; // process.stdout.write
  fetch: typeof fetch;
  clock?: Clock;
}
// #endregion

// #region main
export function main(env: Env, platform: Platform) {
  const config = loadConfig(env); // throws before anything opens
  const db = platform.connect(config.DATABASE_URL);
  const logger = jsonLogger(config.LOG_LEVEL, platform.write);
  const receipts = httpReceipts(config.RECEIPTS_URL, platform.fetch);
  const clock = platform.clock ?? systemClock;

  const invoices = createInvoiceHandlers({ db, clock, logger, receipts });
  const authenticate = createTokenAuth(db);
  const app = createApp({ invoices, authenticate });

  platform.listen({ fetch: app.fetch, port: config.PORT });
  logger.info('listening', { port: config.PORT });
  return app;
}
// #endregion
