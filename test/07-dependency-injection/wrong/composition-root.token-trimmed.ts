// mistake: API_TOKEN checked for length, then trimmed (z.string().min(32).trim()): a token of 32 spaces becomes the empty string, and '  <30 characters>  ' a 30-character token, shorter than required.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
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

// `PORT=` in a shell or an .env file means "no value": treat it like unset,
// so the default applies instead of a confusing "must be a number".
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const required = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : what;

const PORT_MESSAGE = 'must be a whole number from 1 to 65535, digits only, no leading zero';
// libpq's two URI schemes, then a URL with nothing a URL cannot hold raw
// (spaces, control characters, non-ASCII). z.url() would trim the value and
// accept any scheme spelled "postgres:" ("postgres:/x", "postgres:h").
const POSTGRES_URL = /^postgres(ql)?:\/\/[\x21-\x7e]*$/;
const isPostgresUrl = (text: string) => POSTGRES_URL.test(text) && URL.canParse(text);

// Each message is our own words about the variable, never its value:
// DATABASE_URL usually carries a password, API_TOKEN is the secret itself.
const EnvSchema = z.object({
  // A digits-only pattern first: z.coerce.number() would accept " 80",
  // "8e3" and "0x50", which are typos, not port numbers; "080" is octal
  // to some tools (YAML 1.1, shells), so it is refused too.
  PORT: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[1-9][0-9]{0,4}$/, PORT_MESSAGE)
      .transform(Number)
      .pipe(z.number().max(65535, PORT_MESSAGE))
      .default(3000),
  ),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z.string({ error: required('must be a postgres:// URL') }).refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL'),
  ),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
  ),
  // Sent as `Bearer <token>`: whitespace cannot be part of it, and a header
  // carries ASCII only. A stray space or newline from an .env file is an
  // error here, not something to trim silently.
  API_TOKEN: z.preprocess(
    unsetIfEmpty,
    z.string({ error: required('must be a string') }).min(32, 'must be at least 32 characters').trim(),
  ),
});

export interface Config {
  port: number;
  databaseUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  apiToken: string;
}

/** Reads only the `env` it is given (never process.env), so tests need no globals. */
export function loadConfig(env: Env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    // Every issue, not the first: fixing one variable per deploy is slow.
    const problems = result.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    const variables = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
    throw new ConfigError(variables, `Invalid configuration: ${problems.join('; ')}`);
  }
  const { PORT, DATABASE_URL, LOG_LEVEL, API_TOKEN } = result.data;
  return { port: PORT, databaseUrl: DATABASE_URL, logLevel: LOG_LEVEL, apiToken: API_TOKEN };
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

/**
 * config → pool → app → server, in that order. A bad environment throws
 * before a connection is opened or a port is bound, so a broken deploy
 * fails at start-up, not at the first request.
 */
export function main(env: Env, platform: Platform): App {
  const config = loadConfig(env);
  const db = platform.connect(config.databaseUrl);
  const app = createApp(config, { db });
  platform.listen({ fetch: app.fetch, port: config.port });
  return app;
}
