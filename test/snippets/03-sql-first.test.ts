/**
 * Runs every TypeScript sample of chapter 3 against real Postgres (PGlite)
 * seeded like the exercises: content/03-sql-first/snippets/detail,
 * prefetch, types, transaction and the generated
 * content/03-sql-first/snippets/billing.queries file they call.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPool, parseInt8, workbookTypes } from '#lib/db';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { invoiceWithItemCount, isThisInvoice } from '../../content/03-sql-first/snippets/ids.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { recordQueries, type RecordedQuery } from '../../src/workbook/testing/recorder.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, GLOBEX, INV_001, INV_002, INV_003, NEXT_INVOICE, sqlFirst } from '../fixtures/03-sql-first.ts';
import * as generated from '../../content/03-sql-first/snippets/billing.queries.ts';
import { invoiceDetail } from '../../content/03-sql-first/snippets/detail.ts';
import { invoicesWithItems } from '../../content/03-sql-first/snippets/prefetch.ts';
import { customerStatuses, openPerCustomer, stats } from '../../content/03-sql-first/snippets/types.ts';
import { createInvoice, statusFor, withTransaction, type Pool } from '../../content/03-sql-first/snippets/transaction.ts';

let engine: EngineHandle;
const log: RecordedQuery[] = [];
let pool: Pool;

beforeAll(async () => {
  engine = await startEngine('pglite', sqlFirst);
  pool = recordQueries(engine.pool, log) as unknown as Pool;
}, 60_000);
beforeEach(async () => {
  await engine.reset();
  log.length = 0;
});
afterAll(async () => engine?.close());

async function count(table: string): Promise<number> {
  return (await engine.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

describe('chapter 3 snippets', () => {
  it('detail: one JOIN, owner-scoped, 404 for someone else’s invoice', async () => {
    const ok = await invoiceDetail(INV_001, { user: { id: ALICE }, db: pool });
    expect(await ok.json()).toEqual({ id: INV_001, number: 'INV-001', totalCents: 15000, customer: 'Acme Corp' });
    expect(log).toHaveLength(1);
    expect(log[0]!.text).toBe(generated.invoiceForOwnerSql);
    expect((await invoiceDetail(BOBS_INVOICE, { user: { id: ALICE }, db: pool })).status).toBe(404);
  });

  it('prefetch: two statements, with = ANY($1) for the items', async () => {
    expect(await invoicesWithItems(pool, ALICE)).toEqual({ 'INV-001': ['Design', 'Hosting'], 'INV-002': ['Support hours'], 'INV-003': [] });
    expect(log).toHaveLength(2);
    expect(log[1]!.values).toEqual([[INV_001, INV_002, INV_003]]);
  });

  it('types: numbers for int8 (the workbook pool), a string for numeric, Date for date and timestamptz, converted on purpose', async () => {
    const raw = await generated.invoiceStats(pool, { ownerId: ALICE });
    expect(raw!.invoices).toBe(3);
    expect(raw!.total_cents).toBe(143990);
    expect(raw!.average_cents).toMatch(/^47996\.6+7$/);
    expect(raw!.first_issued).toBeInstanceOf(Date);
    expect(raw!.generated_at).toBeInstanceOf(Date);
    expect(await stats(pool, ALICE)).toEqual({ invoices: 3, totalCents: 143990, averageCents: 47997, firstIssued: '2026-01-15' });
    expect(await stats(pool, 99)).toEqual({ invoices: 0, totalCents: 0, averageCents: 0, firstIssued: null });
  });

  it('left join: the customer without invoices comes back with status null', async () => {
    await engine.pool.query("INSERT INTO billing_customer (owner_id, name) VALUES ($1, 'Initech')", [ALICE]);
    expect(await customerStatuses(pool, ALICE)).toEqual(['Acme Corp: paid', 'Acme Corp: sent', 'Acme Corp: draft', 'Initech: (no invoices)']);
  });

  it('count with FILTER: open invoices per customer, as numbers', async () => {
    expect(await openPerCustomer(pool, ALICE)).toEqual([{ name: 'Acme Corp', open: 1 }]);
    expect(await openPerCustomer(pool, BOB)).toEqual([{ name: 'Globex', open: 1 }]);
  });

  it('transaction: creates, maps 23505 to 409, rolls back a refused item, 422 for a foreign customer', async () => {
    const items = [{ description: 'Design', quantity: 2, unitPriceCents: 12500 }];
    expect(await createInvoice(pool, ALICE, ACME, 'INV-100', '2026-05-01', items)).toEqual({ status: 201, id: NEXT_INVOICE });
    expect(await createInvoice(pool, ALICE, ACME, 'INV-001', '2026-05-01', items)).toEqual({ status: 409, id: null });
    const bad = [...items, { description: 'Free?', quantity: 0, unitPriceCents: 1 }];
    expect(await createInvoice(pool, ALICE, ACME, 'INV-101', '2026-05-01', bad)).toEqual({ status: 422, id: null });
    expect(await createInvoice(pool, ALICE, GLOBEX, 'INV-102', '2026-05-01', items)).toEqual({ status: 422, id: null });
    expect([await count('billing_invoice'), await count('billing_lineitem')]).toEqual([5, 5]);
    expect(log.map((q) => q.text).filter((t) => /^(BEGIN|COMMIT|ROLLBACK)$/.test(t))).toEqual(
      ['BEGIN', 'COMMIT', 'BEGIN', 'ROLLBACK', 'BEGIN', 'ROLLBACK', 'BEGIN', 'ROLLBACK'],
    );
  });

  it('withTransaction rethrows what the callback threw; statusFor leaves other errors alone', async () => {
    const boom = new Error('boom');
    await expect(withTransaction(pool, async () => { throw boom; })).rejects.toBe(boom);
    expect(statusFor(boom)).toBeNull();
    expect(statusFor({ code: '23514' })).toBe(422);
    expect(await generated.insertLineItem(pool, { invoiceId: INV_001, description: 'x', quantity: 1, unitPriceCents: 1 })).toBe(1);
  });
});

describe('chapter 3: bigint ids (ids.ts, #lib/db)', () => {
  // A second database of the same fixture behind a plain pg.Pool: node-postgres' default parsers.
  let lite: PGlite | undefined;
  let plain: pg.Pool;
  beforeAll(async () => {
    lite = await seededPglite(sqlFirst);
    plain = new pg.Pool(createPgConfig(lite));
  }, 60_000);
  afterAll(async () => {
    await plain?.end();
    await lite?.close();
  });

  it("a plain pg.Pool returns bigint ids and count(*) as strings, an integer column as a number", async () => {
    expect(await invoiceWithItemCount(plain, INV_001)).toEqual({ id: String(INV_001), owner_id: ALICE, items: '2' });
  });

  it('the classic mistake: comparing such an id with a number is silently false', async () => {
    expect(await isThisInvoice(plain, INV_001)).toBe(false);
    expect(await isThisInvoice(pool, INV_001)).toBe(true);
  });

  it("the workbook's pool returns them as numbers", async () => {
    expect(await invoiceWithItemCount(pool, INV_001)).toEqual({ id: INV_001, owner_id: ALICE, items: 2 });
  });

  it('parseInt8 is exact up to Number.MAX_SAFE_INTEGER and an error past it, also inside a query', async () => {
    expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseInt8('9007199254740993')).toThrow(/beyond Number.MAX_SAFE_INTEGER/);
    await expect(engine.pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/beyond Number.MAX_SAFE_INTEGER/);
    expect((await engine.pool.query('SELECT ARRAY[1, NULL, 2]::bigint[] AS ids')).rows[0].ids).toEqual([1, null, 2]);
    // The connection is still usable after the refused row.
    expect((await engine.pool.query('SELECT 1::bigint AS n')).rows[0].n).toBe(1);
  });

  it('createPool gives a real pg.Pool those parsers', async () => {
    const made = createPool({ max: 1 });
    try {
      expect(made).toBeInstanceOf(pg.Pool);
      expect((made as unknown as { options: { types: unknown } }).options.types).toBe(workbookTypes);
      expect(workbookTypes.getTypeParser(20, 'text')('42')).toBe(42);
    } finally {
      await made.end();
    }
  });
});
