import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '#lib/db';
import { ConfigError, loadConfig, main, type Env } from '@exercise/07-dependency-injection/composition-root';
import { read, request } from '../../src/workbook/testing/http.ts';

/**
 * The database main() must hand to the app: a fake that knows two invoices
 * and records every statement. (Chapter 1's graders test the SQL itself;
 * here only the wiring matters, and no Postgres start-up is needed.)
 */
function fakeDb() {
  const invoices = [
    { id: 1, number: 'INV-001', status: 'paid', total_cents: 15000 },
    { id: 2, number: 'INV-002', status: 'sent', total_cents: 8990 },
  ];
  const queries: { text: string; values: readonly unknown[] }[] = [];
  const pool: Db = {
    async query<Row>(text: string, values: readonly unknown[] = []) {
      queries.push({ text, values });
      const rows = invoices.filter((row) => row.id === values[0]) as Row[];
      return { rows, rowCount: rows.length };
    },
  };
  return { pool, queries };
}

let db = fakeDb();

const TOKEN = 'tok_9f2c41e7b0a84d3c95e1f6a2d7b8c0e4';
const DATABASE_URL = 'postgres://billing:s3cret-pa55word@db.internal:5432/billing';
const GOOD: Env = {
  PORT: '8080',
  DATABASE_URL,
  LOG_LEVEL: 'debug',
  API_TOKEN: TOKEN,
  HOME: '/home/app',
  PATH: '/usr/bin',
};

beforeEach(() => {
  db = fakeDb();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Calls loadConfig and returns the ConfigError it must throw. */
function configError(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** A platform that records what main() asks of it, in order. */
function fakePlatform(database: Db) {
  const calls: string[] = [];
  const connect = vi.fn((url: string) => {
    calls.push('connect');
    void url;
    return database;
  });
  const listen = vi.fn((options: { fetch: (request: Request) => Promise<Response>; port: number }) => {
    calls.push('listen');
    void options;
  });
  return { calls, connect, listen, platform: { connect, listen } };
}

describe('composition-root: loadConfig', () => {
  it('turns a complete environment into a typed config, ignoring unrelated variables', () => {
    expect(loadConfig(GOOD)).toEqual({ port: 8080, databaseUrl: DATABASE_URL, logLevel: 'debug', apiToken: TOKEN });
  });

  it('defaults PORT to 3000 and LOG_LEVEL to "info", also when they are set but empty', () => {
    const { PORT: _p, LOG_LEVEL: _l, ...rest } = GOOD;
    expect(loadConfig(rest)).toMatchObject({ port: 3000, logLevel: 'info' });
    expect(loadConfig({ ...rest, PORT: '', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it('accepts postgresql:// URLs and the extreme ports 1 and 65535', () => {
    expect(loadConfig({ ...GOOD, PORT: '1' }).port).toBe(1);
    expect(loadConfig({ ...GOOD, PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ ...GOOD, DATABASE_URL: 'postgresql://localhost/billing' }).databaseUrl).toBe(
      'postgresql://localhost/billing',
    );
  });

  it.each(['abc', '0', '65536', '80.5', '-1', ' 8080', '8080 ', '8e3', '0x1F90', '1_000'])(
    'rejects PORT=%j with a ConfigError naming PORT (no NaN, no silent default)',
    (port) => {
      const error = configError({ ...GOOD, PORT: port });
      expect(error.variables).toEqual(['PORT']);
      expect(error.message).toContain('PORT');
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a URL', 'billing database'],
    ['not Postgres', 'mysql://root@db.internal/billing'],
  ])('rejects a DATABASE_URL that is %s', (_why, url) => {
    const error = configError({ ...GOOD, DATABASE_URL: url });
    expect(error.variables).toEqual(['DATABASE_URL']);
    expect(error.message).toContain('DATABASE_URL');
  });

  it.each(['verbose', 'INFO', 'warning'])('rejects LOG_LEVEL=%j', (level) => {
    expect(configError({ ...GOOD, LOG_LEVEL: level }).variables).toEqual(['LOG_LEVEL']);
  });

  it.each([
    ['missing', undefined],
    ['31 characters long', 'x'.repeat(31)],
  ])('rejects an API_TOKEN that is %s', (_why, token) => {
    const error = configError({ ...GOOD, API_TOKEN: token });
    expect(error.variables).toEqual(['API_TOKEN']);
    expect(error.message).toContain('API_TOKEN');
  });

  it('names every bad variable in one error, not just the first', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', API_TOKEN: 'short' });
    expect([...error.variables].sort()).toEqual(['API_TOKEN', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    for (const name of error.variables) expect(error.message).toContain(name);
  });

  it('never prints a secret: neither the token nor the password in a bad URL', () => {
    const error = configError({
      ...GOOD,
      PORT: 'http',
      API_TOKEN: 'hunter2-token-too-short',
      DATABASE_URL: 'mysql://root:hunter2-password@db.internal/billing',
    });
    expect(error.variables).toHaveLength(3);
    const shown = `${String(error)}\n${error.message}\n${JSON.stringify(error)}`;
    expect(shown).not.toContain('hunter2');
  });

  it('reads the env it is given, not process.env', () => {
    vi.stubEnv('DATABASE_URL', DATABASE_URL);
    vi.stubEnv('API_TOKEN', TOKEN);
    const error = configError({ PORT: '8080' });
    expect([...error.variables].sort()).toEqual(['API_TOKEN', 'DATABASE_URL']);
  });
});

describe('composition-root: main', () => {
  it('throws the ConfigError before connecting or listening when the environment is bad', () => {
    const fake = fakePlatform(db.pool);
    expect(() => main({ ...GOOD, PORT: 'abc' }, fake.platform)).toThrow(ConfigError);
    expect(fake.connect).not.toHaveBeenCalled();
    expect(fake.listen).not.toHaveBeenCalled();
  });

  it('validates the env it is given even when process.env would pass', () => {
    for (const [key, value] of Object.entries(GOOD)) vi.stubEnv(key, value);
    const fake = fakePlatform(db.pool);
    expect(() => main({ API_TOKEN: 'short' }, fake.platform)).toThrow(ConfigError);
    expect(fake.listen).not.toHaveBeenCalled();
  });

  it('connects once with DATABASE_URL, then listens once on the configured port', () => {
    const fake = fakePlatform(db.pool);
    main(GOOD, fake.platform);
    expect(fake.connect).toHaveBeenCalledTimes(1);
    expect(fake.connect).toHaveBeenCalledWith(DATABASE_URL);
    expect(fake.listen).toHaveBeenCalledTimes(1);
    expect(fake.listen.mock.calls[0]![0].port).toBe(8080);
    expect(fake.calls).toEqual(['connect', 'listen']);
  });

  it('listens on port 3000 when PORT is unset', () => {
    const { PORT: _p, ...rest } = GOOD;
    const fake = fakePlatform(db.pool);
    main(rest, fake.platform);
    expect(fake.listen.mock.calls[0]![0].port).toBe(3000);
  });

  it('serves GET /invoices/:id through the database connect() returned', async () => {
    const fake = fakePlatform(db.pool);
    main(GOOD, fake.platform);
    const { fetch } = fake.listen.mock.calls[0]![0];
    const res = await read(await fetch(request('GET', '/invoices/2', { headers: { authorization: `Bearer ${TOKEN}` } })));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 2, number: 'INV-002', status: 'sent', totalCents: 8990 });
    expect(db.queries).toHaveLength(1);
    expect(db.queries[0]!.values).toEqual([2]);
    expect(db.queries[0]!.text).toMatch(/\$1/);
  });

  it('answers 401 without the configured token, and 404 for an unknown invoice', async () => {
    const fake = fakePlatform(db.pool);
    const app = main(GOOD, fake.platform);
    const anonymous = await app.fetch(request('GET', '/invoices/2'));
    expect(anonymous.status).toBe(401);
    const wrong = await app.fetch(request('GET', '/invoices/2', { headers: { authorization: `Bearer ${'y'.repeat(32)}` } }));
    expect(wrong.status).toBe(401);
    expect(db.queries).toHaveLength(0);
    const missing = await app.fetch(request('GET', '/invoices/999', { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(missing.status).toBe(404);
  });
});
