/**
 * The grading worker keeps one PGlite between grades
 * (src/browser-runner/twins/database-open.ts). Here, in Node with the
 * snapshot read from disk: a kept database is handed on only when it is as
 * the snapshot made it — whatever a grade left beyond rows is rolled back
 * (an open transaction), discarded (a prepared statement, a SET) or, when
 * the schema changed, the database is opened again from the snapshot.
 * And startEngine's twin gives a database of its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPgliteAssets } from '../../src/browser-runner/pglite-assets.ts';
import { PGLITE_DIR } from '../../src/browser-runner/pglite-fixture-hash.ts';
import { pgliteFor, useSnapshotOpener } from '../../src/browser-runner/twins/database-open.ts';
import { startEngine } from '../../src/browser-runner/twins/database-engines.ts';
import { billing, INV_001 } from '../fixtures/billing.ts';

let dir = '';
let opened = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'database-open-'));
  await buildPgliteAssets(dir, [billing]);
  useSnapshotOpener((file) => {
    opened += 1;
    return PGlite.create({ loadDataDir: new Blob([readFileSync(join(dir, PGLITE_DIR, file))]) });
  });
}, 60_000);

afterAll(async () => {
  await (await pgliteFor(billing)).close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the worker’s kept PGlite', () => {
  it('is handed to the next grade when only rows changed', async () => {
    const first = await pgliteFor(billing);
    await first.exec('DELETE FROM billing_invoice');
    expect(await pgliteFor(billing)).toBe(first);
    expect(opened).toBe(1);
  }, 30_000);

  it('rolls back a transaction a grade left open, and forgets prepared statements and settings', async () => {
    const lite = await pgliteFor(billing);
    await lite.exec(`BEGIN; INSERT INTO billing_customer (owner_id, name) VALUES (101, 'Left open');`);
    await lite.exec(`PREPARE by_id AS SELECT 1; SET TIME ZONE 'Pacific/Kiritimati';`);
    expect(lite.isInTransaction()).toBe(true);
    const next = await pgliteFor(billing);
    expect(next).toBe(lite);
    expect(next.isInTransaction()).toBe(false);
    expect((await next.query(`SELECT count(*)::int AS n FROM billing_customer WHERE name = 'Left open'`)).rows).toEqual([{ n: 0 }]);
    // Gone: the next grade's node-postgres may prepare a statement of the same name.
    await next.exec('PREPARE by_id AS SELECT 2');
    expect((await next.query('SHOW TIME ZONE')).rows).toEqual([{ TimeZone: 'UTC' }]);
    expect(opened).toBe(1);
  }, 30_000);

  it.each([
    ['a dropped table', 'DROP TABLE billing_lineitem'],
    ['an added column', `ALTER TABLE billing_invoice ADD COLUMN note text`],
    ['a changed default', `ALTER TABLE billing_invoice ALTER COLUMN status SET DEFAULT 'sent'`],
    ['a dropped constraint', 'ALTER TABLE billing_invoice DROP CONSTRAINT billing_invoice_total_not_negative'],
    ['a new index', 'CREATE INDEX extra ON billing_invoice (memo)'],
    ['a new function', 'CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$'],
    ['a new table', 'CREATE TABLE scratch (id int)'],
    ['a trigger', `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER t BEFORE INSERT ON billing_invoice FOR EACH ROW EXECUTE FUNCTION touch()`],
  ])('is opened again from the snapshot after %s', async (_what, ddl) => {
    const before = await pgliteFor(billing);
    const count = opened;
    await before.exec(ddl);
    const after = await pgliteFor(billing);
    expect(after).not.toBe(before);
    expect(before.closed).toBe(true);
    expect(opened).toBe(count + 1);
    expect(await pgliteFor(billing)).toBe(after);
  }, 30_000);
});

describe('startEngine in the browser', () => {
  it('opens a PGlite of its own, seeded, whatever engine is asked for', async () => {
    const kept = await pgliteFor(billing);
    const handle = await startEngine('pg-mem', billing);
    try {
      expect(handle.engine).toBe('pglite');
      await handle.pool.query('DELETE FROM billing_invoice');
      expect((await kept.query<{ n: number }>('SELECT count(*)::int AS n FROM billing_invoice')).rows[0]!.n).toBeGreaterThan(0);
      await handle.reset();
      expect((await handle.pool.query('SELECT id FROM billing_invoice ORDER BY id LIMIT 1')).rows).toEqual([{ id: INV_001 }]);
    } finally {
      await handle.close();
    }
  }, 30_000);
});
