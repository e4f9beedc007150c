/**
 * Exercise: composition-root — validate the environment, then wire the app.
 *
 * In Django, settings.py runs at import time: a missing variable is a
 * KeyError from os.environ["DATABASE_URL"] when the first worker boots, or
 * a None that surfaces at the first request if you used os.environ.get().
 * Here you write the one function that starts the service, main(), and make
 * it refuse a broken environment before anything is opened:
 *
 *     config → pool → app → server
 *
 * createApp() is given (it is chapter 1 and 4's code: GET /invoices/:id for
 * an internal caller holding the shared API_TOKEN). You write loadConfig()
 * and main().
 *
 * Requirements (the grader checks each one):
 *   - loadConfig(env) reads only its argument, never process.env, and
 *     returns { port, databaseUrl, logLevel, apiToken } from:
 *       PORT          optional, default 3000; digits only, 1–65535, no
 *                     leading zero ("abc", "0", "65536", "80.5", " 8080",
 *                     "8e3", "0x1F90" and "080" are all errors, not NaN
 *                     and not a guess)
 *       DATABASE_URL  required; a URL starting with postgres:// or
 *                     postgresql:// ("postgresx://…", "postgres:/db" are
 *                     errors), with no spaces or non-ASCII characters
 *       LOG_LEVEL     optional, default "info"; debug | info | warn | error
 *       API_TOKEN     required; at least 32 characters, all visible ASCII
 *                     (no spaces, tabs or newlines: an error, not trimmed)
 *     An empty value ("PORT=") counts as unset. Other variables are ignored.
 *   - A bad environment throws ONE ConfigError whose `variables` lists every
 *     variable that is wrong (not just the first) and whose message names
 *     each of them with what is wrong: "is required" for an unset
 *     DATABASE_URL or API_TOKEN, and the rule for a bad value (PORT's range
 *     1–65535, the postgres:// scheme, LOG_LEVEL's four choices, API_TOKEN's
 *     32 characters); a value that is set but wrong is never called
 *     missing. The message never contains a value: DATABASE_URL usually
 *     carries a password, and API_TOKEN is a secret.
 *   - main(env, platform) validates first. On a bad environment it throws
 *     the ConfigError and never calls platform.connect or platform.listen.
 *     Otherwise it calls connect(databaseUrl) once, builds the app with that
 *     database, calls listen({ fetch, port }) once, and returns the app.
 *
 * Tools: zod 4 is installed (import { z } from 'zod'), as in chapter 5.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '#lib/db';

export type Env = Readonly<Record<string, string | undefined>>;

/** What a production main() gets: pg and @hono/node-server behind two functions. */
export interface Platform {
  /** Opens a pool; production: (url) => createPool({ connectionString: url }) from #lib/db. */
  connect(databaseUrl: string): Db;
  /** Starts serving; production: (options) => serve(options) from @hono/node-server. */
  listen(options: { fetch: (request: Request) => Promise<Response>; port: number }): void;
}

export interface App {
  fetch(request: Request): Promise<Response>;
}

/** One error for the whole environment, naming every variable that is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly variables: readonly string[], message: string) {
    super(message);
  }
}

export interface Config {
  port: number;
  databaseUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  apiToken: string;
}

export function loadConfig(_env: Env): Config {
  // TODO: a zod schema for the four variables; safeParse the whole env;
  //       on failure throw new ConfigError(variables, message) naming every
  //       bad variable (and no values).
  throw new Error('loadConfig() is not implemented yet');
}

export interface AppDeps {
  db: Db;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The internal read API a billing worker calls: GET /invoices/:id, with the
 * shared API_TOKEN as a bearer token (chapter 4's check).
 */
export function createApp(config: Config, { db }: AppDeps): App {
  const expected = sha256(config.apiToken);
  const app = new Hono();

  app.use('*', async (c, next) => {
    // The scheme is case-insensitive (RFC 7235); no header, another scheme
    // or nothing after it leaves '', which is never a 32-character token.
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    // Digests, not the tokens: both are 32 bytes whatever was sent, so the
    // comparison runs on every request and says nothing about the token's
    // length (comparing lengths first would).
    if (!timingSafeEqual(sha256(given), expected)) {
      return c.json({ error: 'unauthorized' }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    await next();
  });

  app.get('/invoices/:id{[1-9][0-9]{0,15}}', async (c) => {
    const id = Number(c.req.param('id'));
    // Ids are bigint, JS numbers up to Number.MAX_SAFE_INTEGER (#lib/db's
    // convention); past it Number() rounds to another id: no such invoice.
    if (id > Number.MAX_SAFE_INTEGER) return c.json({ error: 'not_found' }, 404);
    const { rows } = await db.query<{ id: number; number: string; status: string; total_cents: number }>(
      'SELECT id, number, status, total_cents FROM billing_invoice WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return c.json({ error: 'not_found' }, 404);
    return c.json({ id: row.id, number: row.number, status: row.status, totalCents: row.total_cents });
  });

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  return { fetch: async (request) => app.fetch(request) };
}

/** config → pool → app → server, in that order. */
export function main(_env: Env, _platform: Platform): App {
  // TODO: loadConfig first; then connect, createApp, listen; return the app.
  throw new Error('main() is not implemented yet');
}
