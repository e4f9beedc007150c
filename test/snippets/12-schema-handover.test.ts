/**
 * Runs chapter 12's TypeScript samples for real: node-pg-migrate applies
 * content/12-schema-handover/snippets/migrations/*.sql on PGlite on top of
 * the schema Django's migrations made (test/fixtures/schema/), the batched
 * backfill runs with writers in between, and the drift check compares the
 * table with what the code expects at each step.
 */
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillNotes } from '../../content/12-schema-handover/snippets/backfill.ts';
import { migratedDatabase } from '../../content/12-schema-handover/snippets/database.ts';
import { drift, invoiceColumns } from '../../content/12-schema-handover/snippets/drift.ts';
import { migrate } from '../../content/12-schema-handover/snippets/migrate.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';
import { billing, ACME, ALICE, INV_001, INV_002, INV_003, BOBS_INVOICE } from '../fixtures/billing.ts';
import { billingSchema } from '../fixtures/schema.ts';

const EXPAND = '1767225600000_invoice-note-expand';
const CONTRACT = '1767225600001_invoice-note-contract';

const oldCode = {
  insert: (db: pg.ClientBase, number: string, memo: string) =>
    db.query<{ id: string }>("INSERT INTO billing_invoice (owner_id, customer_id, number, total_cents, memo) VALUES ($1, $2, $3, 100, $4) RETURNING id", [ALICE, ACME, number, memo]).then((r) => Number(r.rows[0]!.id)),
  memo: (db: pg.ClientBase, id: number) => db.query<{ memo: string }>('SELECT memo FROM billing_invoice WHERE id = $1', [id]).then((r) => r.rows[0]?.memo),
};
const newCode = {
  insert: (db: pg.ClientBase, number: string, note: string) =>
    db.query<{ id: string }>("INSERT INTO billing_invoice (owner_id, customer_id, number, total_cents, note) VALUES ($1, $2, $3, 100, $4) RETURNING id", [ALICE, ACME, number, note]).then((r) => Number(r.rows[0]!.id)),
  note: (db: pg.ClientBase, id: number) => db.query<{ note: string | null }>('SELECT note FROM billing_invoice WHERE id = $1', [id]).then((r) => r.rows[0]?.note),
};

async function columns(db: pg.ClientBase): Promise<string[]> {
  const { rows } = await db.query<{ c: string }>(
    "SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS c FROM information_schema.columns WHERE table_name = 'billing_invoice' ORDER BY column_name",
  );
  return rows.map((r) => r.c);
}

async function ours(db: pg.ClientBase): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal UNION ALL SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'",
  );
  return rows.map((r) => r.name).sort();
}

describe('node-pg-migrate on top of Django’s schema, expand → backfill → contract', () => {
  let lite: PGlite;
  let client: pg.Client;
  let ran: string[];

  beforeAll(async () => {
    // Production's history: Django's tables, rows written under Django, then ours.
    ({ lite, client, ran } = await migratedDatabase(`${billingSchema}\n${billing.seed}`, 1));
  }, 60_000);
  afterAll(async () => {
    await client.end();
    await lite.close();
  });

  it('migratedDatabase applies only the expand when asked for one migration, and records it', async () => {
    expect(ran).toEqual([EXPAND]);
    const { rows } = await client.query('SELECT name FROM pgmigrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual([EXPAND]);
  });

  it('after the expand the drift check reports exactly what the new code still lacks: note may be NULL', async () => {
    expect(await drift(client, 'billing_invoice', invoiceColumns)).toEqual(['billing_invoice.note: expected NOT NULL']);
  });

  it('while both versions run, each reads what the other wrote, through the trigger', async () => {
    const fromOld = await oldCode.insert(client, 'OLD-1', 'from the old code');
    const fromNew = await newCode.insert(client, 'NEW-1', 'from the new code');
    expect(await newCode.note(client, fromOld)).toBe('from the old code');
    expect(await oldCode.memo(client, fromNew)).toBe('from the new code');
    await client.query('UPDATE billing_invoice SET memo = $2 WHERE id = $1', [fromNew, 'edited by the old code']);
    expect(await newCode.note(client, fromNew)).toBe('edited by the old code');
    await client.query('UPDATE billing_invoice SET note = $2 WHERE id = $1', [fromOld, '']);
    expect(await oldCode.memo(client, fromOld)).toBe('');
    // The seeded rows predate the expand: note is NULL until the backfill.
    expect(await newCode.note(client, INV_001)).toBeNull();
  });

  it('the backfill copies the older rows in batches of the size asked for', async () => {
    await client.query("UPDATE billing_invoice SET memo = 'Net 30' WHERE id = $1", [INV_002]);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM billing_invoice WHERE note IS NULL');
    expect(rows[0]!.n).toBe(3); // INV_001, INV_003 and BOBS_INVOICE: INV_002's update went through the trigger
    expect(await backfillNotes(client, 2)).toEqual({ batches: 2, rows: 3 });
    expect(await backfillNotes(client, 2)).toEqual({ batches: 0, rows: 0 });
    for (const id of [INV_001, INV_002, INV_003, BOBS_INVOICE]) expect(await newCode.note(client, id)).toBe(await oldCode.memo(client, id));
  });

  it('the contract leaves the table the new code expects, and cannot be migrated down', async () => {
    expect(await migrate(client, 'up')).toEqual([CONTRACT]);
    expect(await drift(client, 'billing_invoice', invoiceColumns)).toEqual([]);
    expect(await ours(client)).toEqual([]);
    const id = Number((await client.query("INSERT INTO billing_invoice (owner_id, customer_id, total_cents) VALUES ($1, $2, 1) RETURNING id", [ALICE, ACME])).rows[0].id);
    expect(await newCode.note(client, id)).toBe('');
    await expect(oldCode.memo(client, id)).rejects.toThrow('column "memo" does not exist');
    await expect(migrate(client, 'down', 1)).rejects.toThrow(/irreversible|down/i);
  });
});

describe('rolling the expand back', () => {
  let lite: PGlite;
  let client: pg.Client;
  beforeAll(async () => {
    lite = await seededPglite(billing);
    client = new pg.Client(createPgConfig(lite));
    await client.connect();
  }, 60_000);
  afterAll(async () => {
    await client.end();
    await lite.close();
  });

  it('a contract run before the backfill is refused whole; down then undoes the expand exactly: Django’s columns, no trigger, no function, every memo kept', async () => {
    const before = { columns: await columns(client), ours: await ours(client) };
    expect(await migrate(client, 'up', 1)).toEqual([EXPAND]);
    const id = await newCode.insert(client, 'NEW-2', 'written while expanded');
    // A contract before the backfill stops at SET NOT NULL, and its transaction takes nothing with it.
    await expect(migrate(client, 'up')).rejects.toThrow('column "note" of relation "billing_invoice" contains null values');
    expect((await client.query('SELECT name FROM pgmigrations')).rows.map((r) => r.name)).toEqual([EXPAND]);
    expect(await oldCode.memo(client, INV_001)).not.toBeUndefined();
    expect(await migrate(client, 'down', 1)).toEqual([EXPAND]);
    expect(await columns(client)).toEqual(before.columns);
    expect(await ours(client)).toEqual(before.ours);
    expect(await oldCode.memo(client, id)).toBe('written while expanded');
  });
});

describe('runner() without singleTransaction', () => {
  it('leaves the connection inside the failed migration’s transaction: the CLI defaults to one transaction, runner() does not', async () => {
    const lite = await seededPglite(billing);
    const client = new pg.Client(createPgConfig(lite));
    await client.connect();
    try {
      const dir = fileURLToPath(new URL('../../content/12-schema-handover/snippets/migrations', import.meta.url));
      const quiet = { debug() {}, info() {}, warn() {}, error() {} };
      await runner({ dbClient: client, dir, direction: 'up', count: 1, migrationsTable: 'pgmigrations', logger: quiet });
      // The contract before the backfill fails at SET NOT NULL…
      await expect(runner({ dbClient: client, dir, direction: 'up', migrationsTable: 'pgmigrations', logger: quiet })).rejects.toThrow('contains null values');
      // …and nobody sent ROLLBACK: every statement on this connection now fails.
      await expect(client.query('SELECT 1')).rejects.toThrow('current transaction is aborted');
      await client.query('ROLLBACK');
      // With migrate() (singleTransaction: true) the same failure is rolled back for you.
      await expect(migrate(client, 'up')).rejects.toThrow('contains null values');
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
      await lite.close();
    }
  }, 60_000);
});
