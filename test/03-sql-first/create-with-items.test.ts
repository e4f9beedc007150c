import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWithItems, withTransaction, type Pool } from '@exercise/03-sql-first/create-with-items';
import { awkwardText, isoDateText, parseIsoDate, validIsoDate } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { expectOneWinner } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse, type ReadResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { ACME, ALICE, BOB, GLOBEX, NEXT_INVOICE, sqlFirst } from '../fixtures/03-sql-first.ts';
import { insertUsers } from '../fixtures/schema.ts';
import { answered, isFallout, serve } from './serve.ts';

const db = useDatabase('create-with-items', sqlFirst);

// A rule the handler cannot check in advance (think: a constraint a DBA
// added later): the database refuses one particular line item. The
// invoice row is already written when this fires, so only a transaction
// can take it back.
beforeAll(async () => {
  await db.direct.query(`
    CREATE FUNCTION reject_item() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.description = 'Refused by the database' THEN
        RAISE EXCEPTION 'line item refused' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`);
  await db.direct.query('CREATE TRIGGER reject_item BEFORE INSERT ON billing_lineitem FOR EACH ROW EXECUTE FUNCTION reject_item()');
  // Another request deletes the customer between your INSERT … SELECT reading
  // it and the foreign key's check: Postgres then raises 23503. One
  // connection cannot stage that race, so a trigger raises what it would.
  await db.direct.query(`
    CREATE FUNCTION customer_gone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.number = 'CUSTOMER-DELETED-MEANWHILE' THEN
        RAISE EXCEPTION 'insert or update on table "billing_invoice" violates foreign key constraint' USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NEW;
    END $$`);
  await db.direct.query('CREATE TRIGGER customer_gone BEFORE INSERT ON billing_invoice FOR EACH ROW EXECUTE FUNCTION customer_gone()');
});

const item = (description: string, quantity = 1, unitPriceCents = 1000) => ({ description, quantity, unitPriceCents });
const valid = () => ({ customerId: ACME, number: 'INV-100', issuedOn: '2026-05-01', items: [item('Design', 2, 12500), item('Hosting', 3, 1999)] });

/** What requests left behind: a connection still checked out when the response was sent. */
const leaks: string[] = [];
afterEach(() => {
  const found = leaks.splice(0);
  if (found.length > 0) throw new Error(found[0]);
});

/**
 * The grader's pool for one request. A connection the handler never gave
 * back is rolled back and returned when the response is out, and the test
 * fails saying so: with a pool of one, every later request would otherwise
 * wait forever for it.
 */
function poolForOneRequest(): { pool: Pool; settle(): Promise<void> } {
  const out = new Set<{ query: (text: string) => Promise<unknown>; release(err?: unknown): void }>();
  const pool: Pool = {
    query: (text, values) => db.pool.query(text, values),
    connect: async () => {
      const client = await db.pool.connect();
      out.add(client);
      return {
        query: (text: string, values?: readonly unknown[]) => client.query(text, values),
        release: (err?: unknown) => {
          if (out.delete(client)) client.release(err);
        },
      } as Awaited<ReturnType<Pool['connect']>>;
    },
  };
  const settle = async () => {
    if (out.size === 0) return;
    leaks.push(`a request left ${out.size} connection(s) checked out of the pool: release the client on every path, errors included`);
    for (const client of out) {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
    out.clear();
  };
  return { pool, settle };
}

async function send(body: unknown, userId = ALICE, raw?: string): Promise<Response> {
  const req = request('POST', '/invoices', {
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  const { pool, settle } = poolForOneRequest();
  const res = await serve(() => createWithItems(req, { user: { id: userId }, pool }));
  await settle();
  return res;
}

const Created = z.object({ id: z.number(), number: z.string(), totalCents: z.number() });
/** An error body: this code; other fields (a message, the issues) are welcome. */
const error = (code: string) => (json: { error?: unknown }) => (json?.error === code ? undefined : `expected {"error": "${code}", …}`);
/** A 400 names what was wrong in an "error" field; the wording is yours. */
const badRequest = (json: { error?: unknown }) => (typeof json?.error === 'string' && json.error !== '' ? undefined : 'expected {"error": "…"}');

async function create(body: unknown, userId = ALICE): Promise<ReadResponse> {
  return expectResponse(await send(body, userId), { status: 201, json: Created });
}

async function counts() {
  const { rows } = await db.direct.query(
    'SELECT (SELECT count(*)::int FROM billing_invoice) AS invoices, (SELECT count(*)::int FROM billing_lineitem) AS items',
  );
  return rows[0] as { invoices: number; items: number };
}
const SEEDED = { invoices: 4, items: 4 };
/** Back to the seed between generated inputs: each one starts from the same rows. */
async function removeCreated() {
  // Items first: Django's on_delete=CASCADE is Python's, the database has no ON DELETE CASCADE.
  await db.direct.query('DELETE FROM billing_lineitem WHERE invoice_id >= $1', [NEXT_INVOICE]);
  await db.direct.query('DELETE FROM billing_invoice WHERE id >= $1', [NEXT_INVOICE]);
  db.queries.length = 0;
}
async function storedInvoice(id: number) {
  const { rows } = await db.direct.query('SELECT number, issued_on::text AS issued_on FROM billing_invoice WHERE id = $1', [id]);
  return rows[0] as { number: string; issued_on: string } | undefined;
}

// withTransaction first: when it leaks a connection or loses an error, that is
// the first failure shown, before the requests built on it time out.
describe('withTransaction', () => {
  /** The real pool, with connect() and release() counted; `failRollback` makes the client's ROLLBACK fail as on a dropped connection. */
  /** Clients the code under test checked out and never released: given back after each test, so one leak fails one test, not every later one. */
  const leaked = new Set<{ release(err?: unknown): void }>();
  afterEach(() => {
    for (const client of leaked) client.release();
    leaked.clear();
  });

  function countingPool(options: { failRollback?: Error } = {}) {
    const stats = { connects: 0, releases: 0, releasedWith: [] as unknown[] };
    const pool: Pool = {
      query: (text, values) => db.pool.query(text, values),
      connect: async () => {
        stats.connects++;
        const client = await db.pool.connect();
        leaked.add(client);
        return {
          query: async (text: string, values?: readonly unknown[]) => {
            if (options.failRollback && /^\s*rollback/i.test(text)) {
              await client.query(text, values);
              throw options.failRollback;
            }
            return client.query(text, values);
          },
          release: (err?: unknown) => {
            stats.releases++;
            stats.releasedWith.push(err);
            if (leaked.delete(client)) client.release();
          },
        } as Awaited<ReturnType<Pool['connect']>>;
      },
    };
    return { pool, stats };
  }

  it('commits and returns what the callback returns, then releases the client', async () => {
    const { pool, stats } = countingPool();
    const value = await withTransaction(pool, async (client) => {
      await client.query(insertUsers([{ id: null, username: 'carol' }]));
      return 42;
    });
    expect(value).toBe(42);
    expect(stats.connects, 'connect() calls').toBe(1);
    expect(stats.releases, 'release() calls after COMMIT').toBe(1);
    expect((await db.direct.query("SELECT count(*)::int AS n FROM auth_user WHERE username = 'carol'")).rows[0].n).toBe(1);
  });

  it('rolls back, rethrows the same error and still releases the client when the callback throws', async () => {
    const { pool, stats } = countingPool();
    const boom = new Error('boom');
    await expect(
      withTransaction(pool, async (client) => {
        await client.query(insertUsers([{ id: null, username: 'dave' }]));
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(stats.connects, 'connect() calls').toBe(1);
    expect(stats.releases, 'release() calls after the callback threw: release the client on every path').toBe(1);
    expect((await db.direct.query("SELECT count(*)::int AS n FROM auth_user WHERE username = 'dave'")).rows[0].n).toBe(0);
  });

  it('rethrows the callback’s own error when ROLLBACK fails too, and releases the broken client with that error so the pool discards it', async () => {
    const dropped = new Error('Connection terminated');
    const { pool, stats } = countingPool({ failRollback: dropped });
    const boom = new Error('boom');
    const thrown = await withTransaction(pool, async () => Promise.reject(boom)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown, 'withTransaction must rethrow the callback’s error, not the one ROLLBACK threw').toBe(boom);
    expect(stats.releases, 'release() calls').toBe(1);
    expect(stats.releasedWith[0], 'release(err): a truthy argument tells node-postgres to destroy the connection, not reuse it').toBeTruthy();
  });
});

describe('create-with-items', () => {
  it('creates the invoice and its items: 201 with the id and the exact total in cents', async () => {
    const res = await create(valid());
    expect(res.json).toMatchObject({ id: NEXT_INVOICE, number: 'INV-100', totalCents: 2 * 12500 + 3 * 1999 });
    const { rows } = await db.direct.query(
      'SELECT i.owner_id, i.customer_id, i.total_cents, i.issued_on::text AS issued_on, count(li.id)::int AS items FROM billing_invoice i JOIN billing_lineitem li ON li.invoice_id = i.id WHERE i.id = $1 GROUP BY i.id',
      [NEXT_INVOICE],
    );
    expect(rows[0]).toEqual({ owner_id: ALICE, customer_id: ACME, total_cents: 30997, issued_on: '2026-05-01', items: 2 });
  });

  eachTimeZone(
    'create-with-items',
    () => {
      it('stores issuedOn as the calendar day sent, whatever the server’s time zone', async () => {
        await checkProperty(
          'the day stored',
          validIsoDate({ min: 1900, max: 2100 }),
          async (day) => {
            const res = await send({ ...valid(), issuedOn: day });
            if (res.status !== 201) return `answered ${await answered(res)}; expected 201`;
            const { id } = (await expectResponse(res, { status: 201, json: Created })).json;
            const stored = await storedInvoice(id);
            if (stored?.issued_on !== day) return `was stored as ${stored?.issued_on}`;
          },
          { show: (day) => `issuedOn ${day}`, numRuns: 12, before: removeCreated },
        );
      });
    },
    { db },
  );

  it('runs inside one transaction on one connection: BEGIN … COMMIT around the inserts', async () => {
    await create(valid());
    const texts = db.queries.map((q) => q.text.trim().toUpperCase());
    expect(texts[0], 'the first statement').toMatch(/^BEGIN/);
    expect(texts.at(-1), 'the last statement').toMatch(/^COMMIT/);
    expect(texts.filter((t) => t.startsWith('INSERT')).length).toBeGreaterThanOrEqual(2);
  });

  it('rolls back the whole invoice when the database refuses a line item (no partial writes)', async () => {
    const body = { ...valid(), items: [item('Design'), item('Refused by the database'), item('Hosting')] };
    await expectResponse(await send(body), { status: 422, json: error('invalid_item') });
    expect(await counts()).toEqual(SEEDED);
    // The connection is healthy afterwards: the next request works.
    await create(valid());
  });

  it('answers 422 for a quantity or price the CHECK constraints refuse, and writes nothing', async () => {
    for (const bad of [item('Zero', 0, 100), item('Negative price', 1, -5)]) {
      await expectResponse(await send({ ...valid(), items: [item('Fine'), bad] }), { status: 422, json: error('invalid_item') });
      expect(await counts()).toEqual(SEEDED);
    }
  });

  it('answers 422 invalid_item when the items add up to more than the total column holds (SQLSTATE 22003), and writes nothing', async () => {
    const res = await send({ ...valid(), items: [item('Tower', 2, 2_000_000_000)] });
    if (res.status !== 422) expect.fail(`a total of 4,000,000,000 cents answered ${await answered(res)}; expected 422 invalid_item`);
    await expectResponse(res, { status: 422, json: error('invalid_item') });
    expect(await counts()).toEqual(SEEDED);
  });

  it('answers 409 for a duplicate invoice number, naming the number and nothing of the database (no ids, columns or constraints), and writes nothing', async () => {
    const res = await expectResponse(await send({ ...valid(), number: 'INV-001' }), {
      status: 409,
      json: (json: { error?: unknown; message?: unknown; field?: unknown }) => {
        if (json?.error !== 'duplicate_number') return 'expected {"error": "duplicate_number", …}';
        if (typeof json.message !== 'string' || !json.message.includes('INV-001')) return 'expected a "message" naming INV-001';
        if (json.field !== 'number') return 'expected "field": "number" (which field clashed)';
        const leaked = [/owner_id/i, /customer_id/i, /Key \(/, /billing_/i, /constraint/i, new RegExp(`\\b${ALICE}\\b`), /already exists\.$/].find((p) => p.test(JSON.stringify(json)));
        if (leaked) return `tells the client about the database (${leaked}): write your own message`;
      },
    });
    expect(res.json.error).toBe('duplicate_number');
    expect(await counts()).toEqual(SEEDED);
  });

  it('allows the same number for a different owner (the uniqueness is per owner)', async () => {
    await create({ ...valid(), customerId: GLOBEX, number: 'INV-001' }, BOB);
  });

  it('lets exactly one of two overlapping requests for the same new number win: one 201, the other 409, never a 500', async () => {
    const results = await expectOneWinner(
      2,
      async () => {
        const res = await send({ ...valid(), number: 'RACE-1' });
        return { status: res.status, said: await answered(res) };
      },
      (r) => r.status === 201,
      'requests creating RACE-1',
    );
    expect(results.map((r) => r.said).sort(), 'the two answers').toEqual(['201', '409']);
    expect((await db.direct.query(`SELECT count(*)::int AS n FROM billing_invoice WHERE number = 'RACE-1'`)).rows[0].n).toBe(1);
  });

  it('takes customerId as a positive integer up to Number.MAX_SAFE_INTEGER, as bigint ids are read (400 otherwise, without querying); a missing customer is a 422', async () => {
    await checkProperty(
      'the customerId rule',
      fc.oneof(
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom<unknown>(ACME, GLOBEX, 999, 2_147_483_647, 2_147_483_648, -2_147_483_648, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1.5, `${ACME}`, null, true, [ACME]),
      ),
      async (customerId) => {
        const res = await send({ ...valid(), customerId });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        const id = Number.isSafeInteger(customerId) && (customerId as number) >= 1 ? (customerId as number) : undefined;
        if (id === undefined) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400`;
          await expectResponse(res, { status: 400, json: badRequest });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        if (id === ACME) return void (await expectResponse(res, { status: 201, json: Created }));
        if (res.status !== 422) return `answered ${await answered(res)}; expected 422 unknown_customer (not Alice's customer)`;
        await expectResponse(res, { status: 422, json: error('unknown_customer') });
      },
      { show: (c) => `customerId ${JSON.stringify(c)}`, numRuns: 40, before: removeCreated },
    );
  });

  it('answers 422 for a customer that does not exist, and writes nothing', async () => {
    await expectResponse(await send({ ...valid(), customerId: 999 }), { status: 422, json: error('unknown_customer') });
    expect(await counts()).toEqual(SEEDED);
  });

  it('answers 422 unknown_customer when the customer disappears while the invoice is written (SQLSTATE 23503), and writes nothing', async () => {
    const res = await send({ ...valid(), number: 'CUSTOMER-DELETED-MEANWHILE' });
    if (res.status !== 422) expect.fail(`a foreign key violation answered ${await answered(res)}; expected 422 unknown_customer`);
    await expectResponse(res, { status: 422, json: error('unknown_customer') });
    expect(await counts()).toEqual(SEEDED);
  });

  it('answers 422 for another owner’s customer (it exists, but not for you)', async () => {
    await expectResponse(await send({ ...valid(), customerId: GLOBEX }), { status: 422, json: error('unknown_customer') });
    expect(await counts()).toEqual(SEEDED);
  });

  it('stores SQL metacharacters verbatim', async () => {
    const number = "X'); DROP TABLE t; --";
    const description = "Robert'); -- \\ % _ ü";
    const res = await create({ ...valid(), number, items: [item(description)] });
    const { rows } = await db.direct.query('SELECT i.number, li.description FROM billing_invoice i JOIN billing_lineitem li ON li.invoice_id = i.id WHERE i.id = $1', [res.json.id]);
    expect(rows[0]).toEqual({ number, description });
    for (const q of db.queries) expect(q.text).not.toContain('Robert');
  });

  it.each([
    ['malformed JSON', '{"customerId": 1,'],
    ['a JSON array', '[]'],
    ['no items', JSON.stringify({ ...valid(), items: [] })],
    ['101 items', JSON.stringify({ ...valid(), items: Array.from({ length: 101 }, (_, i) => item(`Line ${i}`)) })],
    ['a string customer id', JSON.stringify({ ...valid(), customerId: String(ACME) })],
    ['a fractional quantity', JSON.stringify({ ...valid(), items: [item('x', 1.5)] })],
    ['a fractional price', JSON.stringify({ ...valid(), items: [item('x', 1, 9.99)] })],
    ['a description of spaces', JSON.stringify({ ...valid(), items: [item('   ')] })],
    ['a description with a NUL character', JSON.stringify({ ...valid(), items: [item('Design\u0000')] })],
  ])('answers 400 for %s, before touching the database', async (_label, raw) => {
    const res = await send(undefined, ALICE, raw);
    if (res.status !== 400) expect.fail(`answered ${await answered(res)}; expected 400`);
    await expectResponse(res, { status: 400, json: badRequest });
    expect(db.queries).toHaveLength(0);
  });

  it('accepts 100 items (the most allowed)', async () => {
    const res = await create({ ...valid(), items: Array.from({ length: 100 }, (_, i) => item(`Line ${i}`, 1, 1)) });
    expect(res.json.totalCents).toBe(100);
  });

  it('accepts issuedOn only as a real calendar day YYYY-MM-DD (2026-02-30, 2026-5-1, timestamps, 0000-01-01 and numbers are a 400 without querying)', async () => {
    await checkProperty(
      'the date rule',
      fc.oneof({ arbitrary: isoDateText(), weight: 6 }, { arbitrary: fc.constantFrom<unknown>('0000-01-01', 0, 1746057600000, null, true, ['2026-05-01']), weight: 1 }),
      async (issuedOn) => {
        const res = await send({ ...valid(), issuedOn });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        const day = typeof issuedOn === 'string' ? parseIsoDate(issuedOn) : undefined;
        if (day === undefined) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400`;
          await expectResponse(res, { status: 400, json: badRequest });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        if (res.status !== 201) return `was refused (status ${await answered(res)}); ${day} is a real day`;
        const { id } = (await expectResponse(res, { status: 201, json: Created })).json;
        if ((await storedInvoice(id))?.issued_on !== day) return `was stored as ${(await storedInvoice(id))?.issued_on}`;
      },
      { show: (d) => `issuedOn ${JSON.stringify(d)}`, numRuns: 80, before: removeCreated },
    );
  });

  it('takes the number as 1–32 characters once surrounding whitespace is trimmed (as Python counts them: an emoji is one), stores it trimmed, and finds a duplicate typed with spaces', async () => {
    const emoji = fc.integer({ min: 30, max: 34 }).map((n) => '🧾'.repeat(n));
    const padded = fc.tuple(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), fc.constantFrom('INV-001', 'INV-777', 'Zoë-1')).map(([ws, n]) => `${ws}${n}${ws}`);
    const long = fc.integer({ min: 30, max: 34 }).map((n) => 'N'.repeat(n));
    await checkProperty(
      'the number rule',
      fc.oneof(awkwardText(), emoji, padded, long),
      async (number) => {
        const res = await send({ ...valid(), number });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        const trimmed = number.trim();
        const length = [...trimmed].length;
        if (length < 1 || length > 32) {
          if (res.status !== 400) return `(${length} characters after trimming) was accepted (status ${await answered(res)}); expected 400`;
          await expectResponse(res, { status: 400, json: badRequest });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        if (['INV-001', 'INV-002', 'INV-003'].includes(trimmed)) {
          if (res.status !== 409) return `answered ${await answered(res)}; expected 409: Alice already has ${trimmed}`;
          await expectResponse(res, { status: 409, json: error('duplicate_number') });
          return;
        }
        if (res.status !== 201) return `(${length} characters after trimming) was refused (status ${await answered(res)}); expected 201`;
        const { id, number: returned } = (await expectResponse(res, { status: 201, json: Created })).json;
        const stored = (await storedInvoice(id))?.number;
        if (stored !== trimmed || returned !== trimmed) return `was stored as ${JSON.stringify(stored)} and returned as ${JSON.stringify(returned)}; expected ${JSON.stringify(trimmed)}`;
      },
      { show: (n) => `number ${JSON.stringify(n)}`, numRuns: 60, before: removeCreated },
    );
  });

  it('takes quantities and prices as integers a Postgres integer holds: the CHECK constraints judge their values (422); fractions, non-numbers and integers beyond ±2147483647 are a 400; none is a 500', async () => {
    const int4 = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), fc.constantFrom(2_147_483_647, -2_147_483_648));
    const odd = fc.constantFrom<unknown>(1.5, 0.1, -0.5, 1e-7, 2_147_483_648, -2_147_483_649, 2 ** 53, '2', null, true, [1]);
    await checkProperty(
      'the item rule',
      fc.tuple(fc.oneof({ arbitrary: int4, weight: 4 }, { arbitrary: odd, weight: 1 }), fc.oneof({ arbitrary: int4, weight: 4 }, { arbitrary: odd, weight: 1 })),
      async ([quantity, unitPriceCents]) => {
        const res = await send({ ...valid(), items: [{ description: 'Thing', quantity, unitPriceCents }] });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        const int = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= -2_147_483_648 && (v as number) <= 2_147_483_647;
        if (!int(quantity) || !int(unitPriceCents)) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400`;
          await expectResponse(res, { status: 400, json: badRequest });
          return;
        }
        const total = quantity * unitPriceCents;
        const fits = quantity > 0 && unitPriceCents >= 0 && total <= 2_147_483_647;
        if (fits) {
          if (res.status !== 201) return `answered ${await answered(res)}; expected 201`;
          expect((await expectResponse(res, { status: 201, json: Created })).json.totalCents).toBe(total);
          return;
        }
        if (res.status !== 422) return `answered ${await answered(res)}; expected 422 invalid_item (the database refuses it)`;
        await expectResponse(res, { status: 422, json: error('invalid_item') });
        expect(await counts(), 'nothing written').toEqual(SEEDED);
      },
      { show: ([q, p]) => `quantity ${JSON.stringify(q)}, unitPriceCents ${JSON.stringify(p)}`, numRuns: 60, before: removeCreated },
    );
  });

  it('ignores a __proto__ payload without polluting Object.prototype', async () => {
    const raw = `{"customerId":${ACME},"number":"P-1","issuedOn":"2026-05-01","items":[{"description":"a","quantity":1,"unitPriceCents":1}],"__proto__":{"polluted":true}}`;
    const res = await send(undefined, ALICE, raw);
    expect([201, 400]).toContain(res.status);
    await expectResponse(res, { status: res.status });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

