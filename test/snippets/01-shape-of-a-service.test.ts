/**
 * Chapter 1's TypeScript snippets, exercised: every claim the chapter's
 * prose makes about them is asserted here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Db } from '#lib/db';
import { hello, GREETINGS_OBJECT } from '../../content/01-shape-of-a-service/snippets/handler.ts';
import { whoami, type AppContext, type Handler } from '../../content/01-shape-of-a-service/snippets/context.ts';
import {
  parseId,
  parseIdLoosely,
  parseIdWithParseInt,
  MAX_ID,
} from '../../content/01-shape-of-a-service/snippets/parse-id.ts';
import { customerDetail } from '../../content/01-shape-of-a-service/snippets/detail.ts';
import { outstandingInEuros } from '../../content/01-shape-of-a-service/snippets/cancel.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { recordQueries, type RecordedQuery } from '../../src/workbook/testing/recorder.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ACME, ALICE, BOB, billing, GLOBEX } from '../fixtures/billing.ts';

describe('handler.ts: a handler is a function from Request to Response', () => {
  // #region calling
  it('greets in French', async () => {
    const response = hello(new Request('http://test/hello?lang=fr'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ greeting: 'Bonjour' });
  });
  // #endregion

  it('defaults to English and sets a JSON content type', async () => {
    const res = await read(hello(request('GET', '/hello')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ greeting: 'Hello' });
  });

  it('answers an unknown language with a JSON 400', async () => {
    const res = await read(hello(request('GET', '/hello?lang=xx')));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'unknown_lang' });
  });

  it('treats inherited object keys as unknown, thanks to the Map', async () => {
    for (const lang of ['toString', 'constructor', '__proto__']) {
      const res = await read(hello(request('GET', `/hello?lang=${lang}`)));
      expect(res.status).toBe(400);
    }
  });

  it('an object literal would answer for "toString": why the snippet uses a Map', () => {
    expect(typeof GREETINGS_OBJECT['toString']).toBe('function');
    expect('toString' in GREETINGS_OBJECT).toBe(true);
  });

  it('Response.json() serialises the body and sets application/json', async () => {
    const response = Response.json({ error: 'x' }, { status: 422 });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"error":"x"}');
  });

  it('JavaScript string length counts UTF-16 units, not characters as Python does', () => {
    expect('🦄'.length).toBe(2);
    expect('Zoë'.length).toBe(3);
  });
});

describe('context.ts: the context type lists what a handler may use', () => {
  it('whoami needs nothing but a user: no database, no middleware', async () => {
    const res = await read(await whoami(request('GET', '/me'), { user: { id: 7, username: 'ada' } }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 7, username: 'ada' });
  });

  // Checked by tsc (npm run typecheck), never run: a context that lacks
  // what the handler's type asks for does not compile.
  function _contextsThatDoNotCompile(db: Db) {
    const user = { id: 1, username: 'ada' };
    // @ts-expect-error customerDetail needs a db
    void customerDetail(request('GET', '/customers/1'), { user, params: { id: '1' } });
    // @ts-expect-error customerDetail needs an id path param
    void customerDetail(request('GET', '/customers/1'), { user, db, params: {} });
    // @ts-expect-error whoami needs a user
    void whoami(request('GET', '/me'), {});
    // Plain async functions of the right shape are Handlers.
    void (customerDetail satisfies Handler<AppContext<{ id: string }>>);
    void (outstandingInEuros satisfies Handler<Pick<AppContext, 'user' | 'db'> & { fetch: typeof fetch }>);
  }
  void _contextsThatDoNotCompile;
});

describe('parse-id.ts: path params are strings; parse them strictly', () => {
  it('Number() accepts exponents, spaces and hex', () => {
    expect(Number('1e3')).toBe(1000);
    expect(Number(' 1')).toBe(1);
    expect(Number('0x10')).toBe(16);
    expect(Number('')).toBe(0);
    expect(parseIdLoosely('1e3')).toBe(1000);
    expect(parseIdLoosely(' 1')).toBe(1);
    expect(parseIdLoosely('0x10')).toBe(16);
  });

  it('parseInt() stops at the first non-digit', () => {
    expect(Number.parseInt('12abc', 10)).toBe(12);
    expect(Number.parseInt('1.5', 10)).toBe(1);
    expect(parseIdWithParseInt('12abc')).toBe(12);
    expect(parseIdWithParseInt('1.5')).toBe(1);
  });

  it.each(['1e3', '12abc', ' 1', '1 ', '0x10', '', '0', '-1', '+1', '1.5', '01', 'abc', '١٢', '9007199254740992', '9007199254740993', '99999999999999999999'])(
    'the strict parser rejects %j',
    (raw) => {
      expect(parseId(raw)).toBeNull();
    },
  );

  it.each([
    ['1', 1],
    ['42', 42],
    ['2147483647', 2_147_483_647],
    // Past the old int4 limit: ids are bigint (BigAutoField).
    ['2147483648', 2_147_483_648],
    ['9007199254740991', MAX_ID],
  ])('the strict parser accepts %j', (raw, id) => {
    expect(parseId(raw)).toBe(id);
  });
});

/**
 * The SQL runs on PGlite, real Postgres: it proves the JOIN, the owner
 * scope, the bigint-as-string trap and the int4 range error.
 */
describe('on real Postgres (PGlite): detail.ts’s JOIN and the traps it avoids', () => {
  let handle: EngineHandle;
  const queries: RecordedQuery[] = [];
  let db: Db;

  beforeAll(async () => {
    handle = await startEngine('pglite', billing);
    db = recordQueries(handle.pool, queries);
  }, 60_000);
  beforeEach(() => {
    queries.length = 0;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const detail = async (id: string, userId = ALICE) =>
    read(
      await customerDetail(request('GET', `/customers/${encodeURIComponent(id)}`), {
        user: { id: userId, username: userId === ALICE ? 'alice' : 'bob' },
        db,
        params: { id },
      }),
    );

  it('returns the owner’s customer with its invoice count, in one parameterised query', async () => {
    const res = await detail(String(ACME));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ id: ACME, name: 'Acme Corp', invoiceCount: 3 });
    expect(queries).toHaveLength(1);
    expect(queries[0]!.values).toEqual([ACME, ALICE]);
  });

  it('answers 404 for another owner’s customer with the same body as a missing one', async () => {
    const other = await detail(String(GLOBEX));
    const missing = await detail('999');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.text).toBe(missing.text);
    expect(other.json).toEqual({ error: 'not_found' });
  });

  it('lets the other owner read their own customer', async () => {
    const res = await detail(String(GLOBEX), BOB);
    expect(res.json).toEqual({ id: GLOBEX, name: 'Globex', invoiceCount: 1 });
  });

  it.each(['1e3', '12abc', ' 1', '0x10', '0', '9007199254740993'])('answers 400 without querying for %j', async (raw) => {
    const res = await detail(raw);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'invalid_id' });
    expect(queries).toHaveLength(0);
  });

  it('cancel.ts: the outstanding-total query runs on real Postgres', async () => {
    const res = await read(
      await outstandingInEuros(request('GET', '/outstanding'), {
        user: { id: ALICE, username: 'alice' },
        db,
        fetch: (async () => Response.json({ rate: 0.5 })) as typeof fetch,
      }),
    );
    // Alice has one sent invoice: INV-002, 8990 cents.
    expect(res.json).toEqual({ cents: 8_990, eurCents: 4_495 });
    expect(queries[0]!.values).toEqual([ALICE]);
  });

  it('count() comes back from node-postgres as a string without the ::int cast', async () => {
    // node-postgres' own parsers, as a pg.Pool made without createPool() has
    // them (the workbook's pools turn int8 into a checked number: chapter 3).
    const pool = handle.pool as unknown as pg.Pool;
    const { rows } = await pool.query({ text: 'SELECT count(*) AS n FROM billing_invoice', types: pg.types });
    expect(rows[0].n).toBe('4');
  });

  it('looks up a customer id past the int4 range: billing_customer.id is bigint, so 2147483648 is a 404, not a 500', async () => {
    const res = await detail('2147483648');
    expect(res.status).toBe(404);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.values).toEqual([2_147_483_648, ALICE]);
  });

  it('an id past the int4 range is a database error, not an empty result', async () => {
    // auth_user.id is an integer (django.contrib.auth's AutoField); the
    // billing tables' ids are bigint (BigAutoField), where the limit is 2^63 − 1.
    await expect(
      handle.pool.query('SELECT id FROM auth_user WHERE id = $1', ['2147483648']),
    ).rejects.toThrow(/out of range for type integer/);
  });
});

describe('cancel.ts: request.signal stops the work when the client leaves', () => {
  const RATES = 'https://rates.example/v1/usd-eur';
  const user = { id: ALICE, username: 'alice' };

  /** A database whose query resolves with two sent invoices, after `during()` runs. */
  function fakeDb(during: () => void = () => {}) {
    const calls: (readonly unknown[] | undefined)[] = [];
    const db: Db = {
      async query<Row>(_text: string, values?: readonly unknown[]) {
        calls.push(values);
        during();
        return { rows: [{ total_cents: 6_000 }, { total_cents: 4_000 }] as Row[], rowCount: 2 };
      },
    };
    return { db, calls };
  }

  /** A rates service that answers at once, recording what it was asked. */
  function fakeRates(status: number, body: unknown) {
    const urls: string[] = [];
    const fetch = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return Response.json(body, { status });
    }) as typeof globalThis.fetch;
    return { fetch, urls };
  }

  it('converts the owner’s outstanding total when nobody hangs up', async () => {
    const { db, calls } = fakeDb();
    const rates = fakeRates(200, { rate: 0.92 });
    const res = await read(await outstandingInEuros(request('GET', '/outstanding'), { user, db, fetch: rates.fetch }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ cents: 10_000, eurCents: 9_200 });
    expect(calls).toEqual([[ALICE]]);
    expect(rates.urls).toEqual([RATES]);
  });

  it('answers 502 with a JSON error when the rates service fails', async () => {
    const { db } = fakeDb();
    const rates = fakeRates(503, { message: 'maintenance' });
    const res = await read(await outstandingInEuros(request('GET', '/outstanding'), { user, db, fetch: rates.fetch }));
    expect(res.status).toBe(502);
    expect(res.json).toEqual({ error: 'rates_down' });
  });

  it('a disconnect during the query stops the handler before the upstream call', async () => {
    const client = new AbortController();
    const { db } = fakeDb(() => client.abort()); // the client hangs up mid-query
    const rates = fakeRates(200, { rate: 1 });
    const req = request('GET', '/outstanding', { signal: client.signal });
    await expect(outstandingInEuros(req, { user, db, fetch: rates.fetch })).rejects.toMatchObject({ name: 'AbortError' });
    expect(rates.urls).toEqual([]);
  });

  it('a disconnect during the upstream call reaches fetch() through the forwarded signal', async () => {
    const client = new AbortController();
    const { db } = fakeDb();
    let seen: AbortSignal | undefined;
    // Like the real fetch: rejects as soon as its signal aborts.
    const slowFetch = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        seen = init?.signal ?? undefined;
        seen?.addEventListener('abort', () => reject(seen!.reason));
        client.abort(); // the client hangs up while we wait
      })) as typeof fetch;
    const req = request('GET', '/outstanding', { signal: client.signal });
    await expect(outstandingInEuros(req, { user, db, fetch: slowFetch })).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBe(req.signal);
    expect(seen!.aborted).toBe(true);
  });

  it('answers 502 for a body it cannot use, instead of computing NaN', async () => {
    for (const body of [{}, { rate: '0.92' }, { rate: -1 }, { rate: null }, [0.92], 'not an object']) {
      const res = await read(await outstandingInEuros(request('GET', '/outstanding'), { user, db: fakeDb().db, fetch: fakeRates(200, body).fetch }));
      expect(res.status, JSON.stringify(body)).toBe(502);
      expect(res.json).toEqual({ error: 'rates_invalid' });
    }
    const notJson = (async () => new Response('<html>maintenance</html>')) as typeof fetch;
    expect((await read(await outstandingInEuros(request('GET', '/outstanding'), { user, db: fakeDb().db, fetch: notJson }))).status).toBe(502);
  });

  it('cancels the body of a failed call instead of leaving it unread', async () => {
    let cancelled = false;
    const failing = (async () =>
      new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), { status: 503 })) as typeof fetch;
    const res = await read(await outstandingInEuros(request('GET', '/outstanding'), { user, db: fakeDb().db, fetch: failing }));
    expect(res.status).toBe(502);
    expect(cancelled).toBe(true);
  });

  it('rejects with the signal’s reason, which on @hono/node-server is a string, not an AbortError', async () => {
    const client = new AbortController();
    const { db } = fakeDb(() => client.abort('Client connection prematurely closed.'));
    const req = request('GET', '/outstanding', { signal: client.signal });
    const error = await outstandingInEuros(req, { user, db, fetch: fakeRates(200, { rate: 1 }).fetch }).catch((e: unknown) => e);
    expect(error).toBe('Client connection prematurely closed.');
    // What chapter 4's boundary asks instead of the error's name:
    expect(req.signal.aborted).toBe(true);
  });

  it('behind a real @hono/node-server, a client that closes its socket mid-query aborts request.signal with a string', async () => {
    const { serve } = await import('@hono/node-server');
    const { request: httpRequest } = await import('node:http');
    const started = Promise.withResolvers<void>();
    const gone = Promise.withResolvers<void>();
    const outcome = Promise.withResolvers<{ error: unknown; aborted: boolean }>();
    // The query is still running when the client leaves; it finishes once the server has noticed.
    const db: Db = {
      async query<Row>() {
        started.resolve();
        await gone.promise;
        return { rows: [] as Row[], rowCount: 0 };
      },
    };
    const rates = fakeRates(200, { rate: 1 });
    // serve() without `createServer` options returns node:http's Server.
    const server = serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: async (req: Request) => {
        req.signal.addEventListener('abort', () => gone.resolve());
        try {
          return await outstandingInEuros(req, { user, db, fetch: rates.fetch });
        } catch (error) {
          outcome.resolve({ error, aborted: req.signal.aborted });
          throw error;
        }
      },
    }) as import('node:http').Server;
    try {
      await new Promise<void>((ok) => (server.listening ? ok() : server.once('listening', () => ok())));
      const { port } = server.address() as { port: number };
      const client = httpRequest({ host: '127.0.0.1', port, path: '/outstanding' });
      client.on('error', () => {}); // we hang up ourselves
      client.end();
      await started.promise;
      client.destroy();
      const { error, aborted } = await outcome.promise;
      expect(aborted).toBe(true);
      // A string, not an Error: "Error: aborted" (the socket's error, as text) here,
      // "Client connection prematurely closed." when the request had arrived whole.
      expect(typeof error, String(error)).toBe('string');
      expect(error).not.toBeInstanceOf(Error);
      expect(rates.urls).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  }, 15_000);

  it('the real fetch() gives up at once on an aborted signal, without touching the network', async () => {
    await expect(fetch(RATES, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a Request built with a signal follows it', () => {
    const client = new AbortController();
    const req = new Request('http://test/', { signal: client.signal });
    expect(req.signal.aborted).toBe(false);
    client.abort();
    expect(req.signal.aborted).toBe(true);
  });
});
