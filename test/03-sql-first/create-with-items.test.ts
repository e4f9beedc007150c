import { beforeAll, describe, expect, it } from 'vitest';
import { createWithItems, withTransaction, type Pool } from '@exercise/03-sql-first/create-with-items';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ACME, ALICE, BOB, GLOBEX, NEXT_INVOICE, sqlFirst } from '../fixtures/03-sql-first.ts';

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
});

const item = (description: string, quantity = 1, unitPriceCents = 1000) => ({ description, quantity, unitPriceCents });
const valid = () => ({ customerId: ACME, number: 'INV-100', issuedOn: '2026-05-01', items: [item('Design', 2, 12500), item('Hosting', 3, 1999)] });

async function create(body: unknown, userId = ALICE, raw?: string) {
  const req = request('POST', '/invoices', {
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return read(await createWithItems(req, { user: { id: userId }, pool: db.pool as unknown as Pool }));
}

async function counts() {
  const { rows } = await db.direct.query(
    'SELECT (SELECT count(*)::int FROM billing_invoice) AS invoices, (SELECT count(*)::int FROM billing_lineitem) AS items',
  );
  return rows[0] as { invoices: number; items: number };
}
const SEEDED = { invoices: 4, items: 4 };

describe('create-with-items', () => {
  it('creates the invoice and its items: 201 with the id and the exact total in cents', async () => {
    const res = await create(valid());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: NEXT_INVOICE, number: 'INV-100', totalCents: 2 * 12500 + 3 * 1999 });
    const { rows } = await db.direct.query(
      'SELECT i.owner_id, i.customer_id, i.total_cents, i.issued_on::text AS issued_on, count(li.id)::int AS items FROM billing_invoice i JOIN billing_lineitem li ON li.invoice_id = i.id WHERE i.id = $1 GROUP BY i.id',
      [NEXT_INVOICE],
    );
    expect(rows[0]).toEqual({ owner_id: ALICE, customer_id: ACME, total_cents: 30997, issued_on: '2026-05-01', items: 2 });
  });

  it('runs inside one transaction on one connection: BEGIN … COMMIT around the inserts', async () => {
    await create(valid());
    const texts = db.queries.map((q) => q.text.trim().toUpperCase());
    expect(texts[0]).toMatch(/^BEGIN/);
    expect(texts.at(-1)).toMatch(/^COMMIT/);
    expect(texts.filter((t) => t.startsWith('INSERT')).length).toBeGreaterThanOrEqual(2);
  });

  it('rolls back the whole invoice when the database refuses a line item (no partial writes)', async () => {
    const body = { ...valid(), items: [item('Design'), item('Refused by the database'), item('Hosting')] };
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(await counts()).toEqual(SEEDED);
    // The connection is healthy afterwards: the next request works.
    expect((await create(valid())).status).toBe(201);
  });

  it('answers 422 for a quantity or price the CHECK constraints refuse, and writes nothing', async () => {
    for (const bad of [item('Zero', 0, 100), item('Negative price', 1, -5)]) {
      const res = await create({ ...valid(), items: [item('Fine'), bad] });
      expect(res.status).toBe(422);
      expect(await counts()).toEqual(SEEDED);
    }
  });

  it('answers 409 with a helpful body for a duplicate invoice number, and writes nothing', async () => {
    const res = await create({ ...valid(), number: 'INV-001' });
    expect(res.status).toBe(409);
    expect(res.json.error).toBe('duplicate_number');
    expect(JSON.stringify(res.json)).toContain('INV-001');
    expect(await counts()).toEqual(SEEDED);
  });

  it('allows the same number for a different owner (the uniqueness is per owner)', async () => {
    const res = await create({ ...valid(), customerId: GLOBEX, number: 'INV-001' }, BOB);
    expect(res.status).toBe(201);
  });

  it('answers 422 for a customer that does not exist, and writes nothing', async () => {
    const res = await create({ ...valid(), customerId: 999 });
    expect(res.status).toBe(422);
    expect(res.json.error).toBe('unknown_customer');
    expect(await counts()).toEqual(SEEDED);
  });

  it('answers 422 for another owner’s customer (it exists, but not for you)', async () => {
    const res = await create({ ...valid(), customerId: GLOBEX });
    expect(res.status).toBe(422);
    expect(res.json.error).toBe('unknown_customer');
    expect(await counts()).toEqual(SEEDED);
  });

  it('stores SQL metacharacters verbatim', async () => {
    const number = "X'); DROP TABLE t; --";
    const description = "Robert'); -- \\ % _ ü";
    const res = await create({ ...valid(), number, items: [item(description)] });
    expect(res.status).toBe(201);
    const { rows } = await db.direct.query('SELECT i.number, li.description FROM billing_invoice i JOIN billing_lineitem li ON li.invoice_id = i.id WHERE i.id = $1', [res.json.id]);
    expect(rows[0]).toEqual({ number, description });
    for (const q of db.queries) expect(q.text).not.toContain('Robert');
  });

  it.each([
    ['malformed JSON', '{"customerId": 1,'],
    ['a JSON array', '[]'],
    ['no items', JSON.stringify({ ...valid(), items: [] })],
    ['a string customer id', JSON.stringify({ ...valid(), customerId: String(ACME) })],
    ['a fractional quantity', JSON.stringify({ ...valid(), items: [item('x', 1.5)] })],
    ['a bad date', JSON.stringify({ ...valid(), issuedOn: '2026-13-45' })],
  ])('answers 400 for %s, before touching the database', async (_label, raw) => {
    const res = await create(undefined, ALICE, raw);
    expect(res.status).toBe(400);
    expect(db.queries).toHaveLength(0);
  });

  it('ignores a __proto__ payload without polluting Object.prototype', async () => {
    const raw = `{"customerId":${ACME},"number":"P-1","issuedOn":"2026-05-01","items":[{"description":"a","quantity":1,"unitPriceCents":1}],"__proto__":{"polluted":true}}`;
    const res = await create(undefined, ALICE, raw);
    expect([201, 400]).toContain(res.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('withTransaction', () => {
  /** The real pool, with connect() and release() counted. */
  function countingPool() {
    const stats = { connects: 0, releases: 0 };
    const pool: Pool = {
      query: (text, values) => db.pool.query(text, values),
      connect: async () => {
        stats.connects++;
        const client = await db.pool.connect();
        return {
          query: (text: string, values?: readonly unknown[]) => client.query(text, values),
          release: (err?: unknown) => {
            stats.releases++;
            client.release(err);
          },
        } as Awaited<ReturnType<Pool['connect']>>;
      },
    };
    return { pool, stats };
  }

  it('commits and returns what the callback returns, then releases the client', async () => {
    const { pool, stats } = countingPool();
    const value = await withTransaction(pool, async (client) => {
      await client.query("INSERT INTO auth_user (username) VALUES ('carol')");
      return 42;
    });
    expect(value).toBe(42);
    expect(stats).toEqual({ connects: 1, releases: 1 });
    expect((await db.direct.query("SELECT count(*)::int AS n FROM auth_user WHERE username = 'carol'")).rows[0].n).toBe(1);
  });

  it('rolls back, rethrows the same error and still releases the client when the callback throws', async () => {
    const { pool, stats } = countingPool();
    const boom = new Error('boom');
    await expect(
      withTransaction(pool, async (client) => {
        await client.query("INSERT INTO auth_user (username) VALUES ('dave')");
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(stats).toEqual({ connects: 1, releases: 1 });
    expect((await db.direct.query("SELECT count(*)::int AS n FROM auth_user WHERE username = 'dave'")).rows[0].n).toBe(0);
  });
});
