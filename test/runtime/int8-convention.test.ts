/**
 * Both grading engines follow the workbook's int8 convention (src/lib/db.ts):
 * bigint ids, count(*) and sum() of integers arrive as numbers, numeric as a
 * string on PGlite (as from createPool() in production). PGlite refuses an
 * int8 past Number.MAX_SAFE_INTEGER; pg-mem cannot store one exactly at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { ALICE, billing, INV_001 } from '../fixtures/billing.ts';

const handles: EngineHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
});

describe.each(['pg-mem', 'pglite'] as const)('%s', (engine) => {
  it('returns bigint ids, count(*) and sum(integer) as numbers, integer ids as numbers', async () => {
    const handle = await startEngine(engine, billing);
    handles.push(handle);
    // Separate statements: pg-mem mishandles scalar subqueries in a select list.
    const { rows } = await handle.pool.query('SELECT id, customer_id, owner_id FROM billing_invoice WHERE id = $1', [INV_001]);
    expect(rows).toEqual([{ id: INV_001, customer_id: 201, owner_id: ALICE }]);
    const totals = await handle.pool.query('SELECT count(*) AS n, sum(total_cents) AS total FROM billing_invoice');
    expect(totals.rows).toEqual([{ n: 4, total: 193990 }]);
    const inserted = await handle.pool.query("INSERT INTO billing_customer (owner_id, name) VALUES ($1, 'New') RETURNING id", [ALICE]);
    expect(typeof inserted.rows[0].id).toBe('number');
  }, 60_000);
});

describe('pglite', () => {
  it('fails a query whose int8 does not fit a double exactly, and keeps the connection usable', async () => {
    const handle = await startEngine('pglite', billing);
    handles.push(handle);
    await expect(handle.pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/beyond Number.MAX_SAFE_INTEGER/);
    expect((await handle.pool.query('SELECT 9007199254740991::bigint AS n')).rows[0].n).toBe(Number.MAX_SAFE_INTEGER);
    expect((await handle.pool.query('SELECT 1.50::numeric AS n')).rows[0].n).toBe('1.50');
  }, 60_000);
});
