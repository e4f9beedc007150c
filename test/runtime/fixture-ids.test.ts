/**
 * The seeds' ids never coincide across tables, and pg-mem and PGlite
 * number both the seeded rows and the rows a test inserts identically —
 * also after a reset.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineHandle, type Fixture } from '../../src/workbook/testing/engines.ts';
import { splitSetvals } from '../../src/workbook/testing/pg-mem-sequences.ts';
import * as sqlFirst from '../fixtures/03-sql-first.ts';
import * as validation from '../fixtures/05-validation.ts';
import * as billing from '../fixtures/billing.ts';
import { insertUsers } from '../fixtures/schema.ts';

const fixtures: [string, Fixture, typeof billing.ALICE][] = [
  ['billing', billing.billing, billing.ALICE],
  ['03-sql-first', sqlFirst.sqlFirst, sqlFirst.ALICE],
  ['05-validation', validation.validation, validation.ALICE],
];

/** Every id per table, and the ids three inserts get (user, customer, invoice). */
async function numbering(handle: EngineHandle, fixture: Fixture, alice: number) {
  const ids: Record<string, number[]> = {};
  for (const table of fixture.tables) ids[table] = (await handle.pool.query(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => r.id);
  const user = (await handle.pool.query(insertUsers([{ id: null, username: 'zed' }]).replace(/;$/, ' RETURNING id'))).rows[0].id;
  const customer = (await handle.pool.query(`INSERT INTO billing_customer (owner_id, name) VALUES ($1, 'New Co') RETURNING id`, [alice])).rows[0].id;
  const invoice = (
    await handle.pool.query(
      `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on) VALUES ($1, $2, 'NEW-1', 'draft', 1, '2026-04-01') RETURNING id`,
      [alice, customer],
    )
  ).rows[0].id;
  return { ids, inserted: { user, customer, invoice } };
}

const handles: EngineHandle[] = [];
afterAll(async () => {
  for (const h of handles) await h.close();
});

describe.each(fixtures)('the %s seed', (_name, fixture, alice) => {
  it('numbers seeded and inserted rows alike on pg-mem and PGlite, also after a reset, with no id shared by two tables', async () => {
    const [mem, lite] = await Promise.all([startEngine('pg-mem', fixture), startEngine('pglite', fixture)]);
    handles.push(mem, lite);
    const first = await numbering(mem, fixture, alice);
    expect(await numbering(lite, fixture, alice)).toEqual(first);
    await Promise.all([mem.reset(), lite.reset()]);
    expect(await numbering(mem, fixture, alice)).toEqual(first);
    expect(await numbering(lite, fixture, alice)).toEqual(first);

    const all = [...Object.values(first.ids).flat(), ...Object.values(first.inserted)];
    expect(new Set(all).size, 'an id appears in two tables').toBe(all.length);
    expect(first.inserted.user).toBe(Math.max(...first.ids.auth_user!) + 1);
  }, 60_000);
});

describe('splitSetvals', () => {
  it('takes Postgres setval statements out of a seed for pg-mem and keeps the rest', () => {
    const { sql, positions } = splitSetvals(`INSERT INTO t (id) VALUES (7);\n SELECT setval(pg_get_serial_sequence('t', 'id'), 7);`);
    expect(sql.trim()).toBe('INSERT INTO t (id) VALUES (7);');
    expect(positions).toEqual([{ table: 't', column: 'id', last: 7 }]);
  });
});
