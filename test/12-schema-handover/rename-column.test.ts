/**
 * Grader for rename-column: the learner's expand / backfill / contract run
 * for real through node-pg-migrate 9 on PGlite, and at every point of the
 * deployment the code that would be live then (the grader's old code, the
 * learner's new code, or both) reads and writes the table. A failure names
 * the step and the version of the code that broke.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runner } from 'node-pg-migrate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '#lib/db';
import { backfillBatch, contract, expand, newCode } from '@exercise/12-schema-handover/rename-column';
import { awkwardText } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { ALICE, BOB, handover, SEEDED_IDS, SEEDED_NAMES } from '../fixtures/12-schema-handover.ts';

const db = useDatabase('rename-column', handover);

// ---------------------------------------------------------------------------
// The old code: what production runs today. Fixed; it knows only `name`.
// ---------------------------------------------------------------------------
const oldCode = {
  async create(q: Db, c: { ownerId: number; name: string }): Promise<number> {
    const { rows } = await q.query<{ id: number }>('INSERT INTO billing_customer (owner_id, name) VALUES ($1, $2) RETURNING id', [c.ownerId, c.name]);
    return rows[0]!.id;
  },
  async get(q: Db, id: number): Promise<{ id: number; ownerId: number; name: string } | null> {
    const { rows } = await q.query<{ id: number; owner_id: number; name: string }>('SELECT id, owner_id, name FROM billing_customer WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { id: row.id, ownerId: row.owner_id, name: row.name } : null;
  },
  /** Returns how many rows the UPDATE reports, which Django's save() trusts: 0 means "no such row, INSERT it". */
  async rename(q: Db, id: number, name: string): Promise<number> {
    const { rowCount } = await q.query('UPDATE billing_customer SET name = $2 WHERE id = $1', [id, name]);
    return rowCount ?? 0;
  },
  /** An update that leaves the name alone. */
  async transfer(q: Db, id: number, ownerId: number): Promise<number> {
    const { rowCount } = await q.query('UPDATE billing_customer SET owner_id = $2 WHERE id = $1', [id, ownerId]);
    return rowCount ?? 0;
  },
};

/**
 * The Db the new code gets. In production it is a pg.Pool: two statements
 * may run on two connections, and whatever another request did on the
 * second one (here: taking the next customer id) is visible to session
 * functions such as lastval() and currval(). PGlite has one session, so
 * the grader plays that other request before each statement of the new
 * code's create(). A correct answer (INSERT … RETURNING) never notices.
 */
const pooled = (q: Db): Db => ({
  async query<Row>(text: string, values?: readonly unknown[]) {
    await q.query("SELECT nextval(pg_get_serial_sequence('billing_customer', 'id'))");
    return q.query<Row>(text, values);
  },
});

type Version = 'old' | 'new';

// One connection per test for the grader, both versions of the code and
// node-pg-migrate, as a deployment shares one database. (A pg.Pool on
// PGlite destroys its only connection when a pool query fails; a checked-out
// client survives an error, so one broken step cannot break the next test.)
let conn: Db & { release(): void };

// Each test changes the schema: put Django's back (and node-pg-migrate's
// table away) before the next one, whatever state this one left.
afterEach(async () => {
  await conn.query('ROLLBACK').catch(() => {});
  await conn.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public; ${handover.schema} ${handover.seed}`);
  conn.release();
});

let dir = '';
beforeEach(async () => {
  conn = (await db.direct.connect()) as unknown as Db & { release(): void };
  dir = mkdtempSync(join(tmpdir(), 'rename-column-'));
  // node-pg-migrate reads .sql migrations from a directory, in name order.
  writeFileSync(join(dir, '1000000000001_expand.sql'), `-- Up Migration\n${expand.up}\n-- Down Migration\n${expand.down}\n`);
  writeFileSync(join(dir, '1000000000002_contract.sql'), `-- Up Migration\n${contract.up}\n`);
  return () => rmSync(dir, { recursive: true, force: true });
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

class StepFailure extends Error {
  override name = 'StepFailure';
}

/** Runs fn as part of `step`; any failure is re-thrown naming the step. */
async function during<T>(step: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new StepFailure(`${step}: ${what} failed: ${message}`, { cause: error });
  }
}

async function migrate(step: string, direction: 'up' | 'down'): Promise<void> {
  await during(step, `node-pg-migrate ${direction}`, () =>
    runner({ dbClient: conn as never, dir, direction, count: 1, migrationsTable: 'pgmigrations', checkOrder: true, singleTransaction: true, noLock: true, logger: quiet }),
  );
}

/** The deployment: what the table should hold, and which code is live. */
class Deployment {
  readonly expected = new Map<number, { ownerId: number; name: string }>(SEEDED_NAMES.map((name, i) => [SEEDED_IDS[i]!, { ownerId: i % 2 === 0 ? ALICE : BOB, name }]));
  live: Version[] = ['old'];
  step = 'before expand';

  async create(version: Version, ownerId: number, name: string): Promise<number> {
    const id = await during(this.step, `the ${version} code's create(${show(name)})`, () =>
      version === 'old' ? oldCode.create(conn, { ownerId, name }) : newCode.create(pooled(conn), { ownerId, displayName: name }),
    );
    if (typeof id !== 'number' || this.expected.has(id)) throw new StepFailure(`${this.step}: the ${version} code's create returned ${String(id)}, not a new id`);
    this.expected.set(id, { ownerId, name });
    await this.checkRow(id, `a customer the ${version} code created`);
    return id;
  }

  async rename(version: Version, id: number, name: string): Promise<void> {
    const what = `the ${version} code's rename(${id}, ${show(name)})`;
    if (version === 'old') {
      const rows = await during(this.step, what, () => oldCode.rename(conn, id, name));
      if (rows !== 1) throw new StepFailure(`${this.step}: ${what} updated ${rows} rows, not 1: an UPDATE the trigger cancels is lost, and Django's save() would then INSERT`);
    } else await during(this.step, what, () => newCode.rename(conn, id, name));
    this.expected.set(id, { ...this.expected.get(id)!, name });
    await this.checkRow(id, `a customer the ${version} code renamed`);
  }

  /** The old code changes something other than the name (or saves the same name again). */
  async transfer(id: number, ownerId: number): Promise<void> {
    const what = `the old code's UPDATE of owner_id alone (customer ${id})`;
    const rows = await during(this.step, what, () => oldCode.transfer(conn, id, ownerId));
    if (rows !== 1) throw new StepFailure(`${this.step}: ${what} updated ${rows} rows, not 1: an UPDATE that leaves the name alone must still happen`);
    this.expected.set(id, { ...this.expected.get(id)!, ownerId });
    await this.checkRow(id, 'a customer the old code gave another owner');
  }

  async read(version: Version, id: number): Promise<{ ownerId: number; name: string } | null> {
    const row = await during(this.step, `the ${version} code's get(${id})`, async () => {
      if (version === 'old') return oldCode.get(conn, id);
      const found = await newCode.get(conn, id);
      return found && { id: found.id, ownerId: found.ownerId, name: found.displayName };
    });
    if (row === null) return null;
    if (row.id !== id) throw new StepFailure(`${this.step}: the ${version} code's get(${id}) returned customer ${row.id}`);
    return { ownerId: row.ownerId, name: row.name };
  }

  /** Every live version reads this row as last written, by whichever version wrote it. */
  async checkRow(id: number, what: string, versions: readonly Version[] = this.live): Promise<void> {
    const want = this.expected.get(id)!;
    for (const version of versions) {
      const got = await this.read(version, id);
      if (got === null) throw new StepFailure(`${this.step}: ${what} (id ${id}) is missing for the ${version} code`);
      if (got.name !== want.name) {
        throw new StepFailure(`${this.step}: the ${version} code reads customer ${id} as ${show(got.name)}, but the last write gave it ${show(want.name)} (${what})`);
      }
      if (got.ownerId !== want.ownerId) throw new StepFailure(`${this.step}: the ${version} code reads customer ${id}'s owner as ${got.ownerId}, not ${want.ownerId}`);
    }
  }

  /** Every row, for every live version; and nothing more in the table. */
  async checkAll(what: string): Promise<void> {
    for (const version of this.live) {
      if (version === 'new') {
        for (const id of this.expected.keys()) await this.checkRow(id, what, ['new']);
        continue;
      }
      // The old code's view of every row at once (its get() run for each id would say the same).
      const { rows } = await during(this.step, "the old code's reads", () =>
        conn.query<{ id: number; owner_id: number; name: string }>('SELECT id, owner_id, name FROM billing_customer'),
      );
      const seen = new Map(rows.map((r) => [r.id, r]));
      for (const [id, want] of this.expected) {
        const got = seen.get(id);
        if (!got) throw new StepFailure(`${this.step}: ${what} (id ${id}) is missing for the old code`);
        if (got.name !== want.name) throw new StepFailure(`${this.step}: the old code reads customer ${id} as ${show(got.name)}, but the last write gave it ${show(want.name)} (${what})`);
        if (got.owner_id !== want.ownerId) throw new StepFailure(`${this.step}: the old code reads customer ${id}'s owner as ${got.owner_id}, not ${want.ownerId}`);
      }
    }
    const { rows } = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM billing_customer');
    const n = rows[0]?.n;
    if (n !== this.expected.size) throw new StepFailure(`${this.step}: the table holds ${n} customers, not ${this.expected.size}`);
    for (const version of this.live) {
      // Ids never coincide across tables: a user id is no customer's id.
      if ((await this.read(version, ALICE)) !== null) throw new StepFailure(`${this.step}: the ${version} code's get(${ALICE}) found a customer; ${ALICE} is a user id`);
    }
  }

  async expand(): Promise<void> {
    this.step = 'step 1, expand';
    await migrate(this.step, 'up');
    await this.checkAll('a row that was there before the expand');
  }

  /**
   * Runs the backfill in batches of `size`; between batches the old code
   * creates, renames a row the backfill has passed and one it has not.
   */
  async backfill(size: number, names: readonly string[]): Promise<{ calls: number }> {
    this.step = `step 2, backfill (batch size ${size})`;
    const before = this.expected.size;
    const limit = Math.ceil(before / size) + 1;
    let calls = 0;
    for (;;) {
      const result = await during(this.step, `batch ${calls + 1}`, () => conn.query(backfillBatch, [size]));
      calls += 1;
      const changed = result.rowCount ?? 0;
      if (changed > size) throw new StepFailure(`${this.step}: batch ${calls} changed ${changed} rows; a batch may change at most ${size}`);
      if (changed === 0) break;
      if (calls >= limit) throw new StepFailure(`${this.step}: still changing rows after ${calls} batches; ${before} rows in batches of ${size} need at most ${limit}`);
      const name = names[calls % names.length]!;
      // A row a backfill in id order has passed, one from the end, and one it may not have reached.
      const passed = SEEDED_IDS[Math.min(calls * size, SEEDED_IDS.length) - 1]!;
      await this.rename('old', passed, `${name} (renamed after batch ${calls})`);
      await this.rename('old', SEEDED_IDS[SEEDED_IDS.length - calls]!, name);
      await this.rename('old', passed, this.expected.get(passed)!.name); // saved again, unchanged
      await this.transfer(SEEDED_IDS[(calls * 7) % SEEDED_IDS.length]!, calls % 2 ? BOB : ALICE);
      await this.create('old', calls % 2 ? ALICE : BOB, `${name} (created after batch ${calls})`);
    }
    return { calls };
  }

  deployNew(): Promise<void> {
    this.step = 'step 3, old and new code deployed together';
    this.live = ['old', 'new'];
    return this.checkAll('a row written before the new code was deployed');
  }

  async retireOld(): Promise<void> {
    this.step = 'step 4, old code retired';
    this.live = ['new'];
  }

  async contract(): Promise<void> {
    this.step = 'step 5, contract';
    await migrate(this.step, 'up');
    await this.checkAll('a row written before the contract');
  }

  async rollback(): Promise<void> {
    this.step = 'rollback: new code withdrawn, expand migrated down';
    this.live = ['old'];
    await migrate(this.step, 'down');
    await this.checkAll('a row written before the rollback');
  }
}

const show = (name: string) => (name.length > 40 ? `${JSON.stringify(name.slice(0, 40))}… (${name.length} characters)` : JSON.stringify(name));

/** Names as users type them, minus NUL (no PostgreSQL text holds it). */
const nameArb = fc
  .oneof(
    { weight: 3, arbitrary: awkwardText() },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'name', 'display_name', "'; DROP TABLE billing_customer; --", '$1', 'NULL') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 3000, maxLength: 6000 }) },
  )
  .map((s) => s.replaceAll('\0', ''));

type Op = { version: Version; kind: 'create' | 'rename' | 'resave' | 'transfer'; owner: number; target: number; name: string };
const opArb: fc.Arbitrary<Op> = fc.record({
  version: fc.constantFrom<Version>('old', 'new'),
  kind: fc.constantFrom('create' as const, 'rename' as const, 'rename' as const, 'resave' as const, 'transfer' as const),
  owner: fc.constantFrom(ALICE, BOB),
  target: fc.nat(),
  name: nameArb,
});

/** Both versions writing in any order; every write checked through every live version. */
async function writeTogether(deployment: Deployment, seed: number, runs = 6): Promise<void> {
  const plans = fc.sample(fc.array(opArb, { minLength: 3, maxLength: 8 }), { seed, numRuns: runs });
  for (const ops of plans) {
    for (const op of ops) {
      const version = deployment.live.includes(op.version) ? op.version : deployment.live[0]!;
      const ids = [...deployment.expected.keys()];
      const id = ids[op.target % ids.length]!;
      if (op.kind === 'create') await deployment.create(version, op.owner, op.name);
      else if (op.kind === 'rename') await deployment.rename(version, id, op.name);
      // The same name written again: a save() of an unchanged form.
      else if (op.kind === 'resave') await deployment.rename(version, id, deployment.expected.get(id)!.name);
      else if (deployment.live.includes('old')) await deployment.transfer(id, op.owner);
    }
  }
}

const fixedNames = ['Zoë', '', 'x'.repeat(4000), "O'Brien", '𝒜𝒸𝓂ℯ 🚀', 'back\\slash', ' padded '];

// Each test replays a deployment: hundreds of statements on PGlite, seconds on a busy machine.
describe('rename-column: billing_customer.name → display_name with no downtime', { timeout: 60_000 }, () => {
  it('step 1, expand: the old code keeps reading every existing row and its own new writes', async () => {
    const d = new Deployment();
    await d.expand();
    await writeTogether(d, 1, 4);
    await d.checkAll('a row the old code wrote after the expand');
  });

  it.each([3, 100])('step 2, backfill in batches of %i: at most that many rows per call, finished in about rows / batch calls, with the old code writing between batches', async (size) => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(size, fixedNames);
    await d.deployNew();
  });

  it('step 3, old and new code deployed together: whatever one version writes, the other reads back unchanged (generated names)', async () => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(5, fixedNames);
    await d.deployNew();
    await writeTogether(d, 2, 6);
    await d.checkAll('a row written while both versions were live');
  });

  it('step 3: customers either version creates, with empty, long and Unicode names, read back the same in the other; they belong to their owner; get() of an unknown id is null', async () => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(8, fixedNames);
    await d.deployNew();
    // The awkward names, from each side: '' is a name, not a missing one.
    for (const name of fixedNames) {
      await d.create('new', ALICE, name);
      await d.create('old', BOB, name);
    }
    const id = await d.create('new', BOB, 'Made by the new code');
    expect((await oldCode.get(conn, id))?.ownerId, 'owner the old code reads').toBe(BOB);
    expect(await newCode.get(conn, 987_654_321), 'new code get() of an id no customer has').toBeNull();
    expect(await newCode.get(conn, BOB), `new code get(${BOB}): a user id, no customer's`).toBeNull();
  });

  it('steps 4–5, contract: after the old code is retired, the new code alone reads every row anyone ever wrote, and keeps writing', async () => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(6, fixedNames);
    await d.deployNew();
    await writeTogether(d, 3, 6);
    await d.retireOld();
    await writeTogether(d, 4, 2);
    await d.contract();
    await writeTogether(d, 5, 4);
    await d.checkAll('a row written after the contract');
  });

  it('step 5, contract: the table ends as (id, owner_id, display_name text NOT NULL) with no trigger or function left behind', async () => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(10, fixedNames);
    await d.deployNew();
    await d.retireOld();
    await d.contract();
    expect(await columns(), 'billing_customer columns after the contract').toEqual([
      { column_name: 'display_name', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'id', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'owner_id', data_type: 'integer', is_nullable: 'NO' },
    ]);
    expect(await triggers(), 'triggers left on billing_customer').toEqual([]);
    expect(await functions(), 'functions of yours left in the database').toEqual([]);
    await expect(conn.query('INSERT INTO billing_customer (owner_id, display_name) VALUES ($1, NULL)', [ALICE]), 'a NULL display_name').rejects.toMatchObject({ code: '23502' });
  });

  it('step 5, contract: code that still uses the old column fails loudly (an error), never silently', async () => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(10, fixedNames);
    await d.deployNew();
    await d.retireOld();
    await d.contract();
    const id = await d.create('new', ALICE, 'Kept');
    await expect(oldCode.get(conn, id), 'old code get()').rejects.toMatchObject({ code: '42703' });
    await expect(oldCode.rename(conn, id, 'Lost?'), 'old code rename()').rejects.toMatchObject({ code: '42703' });
    await expect(oldCode.create(conn, { ownerId: ALICE, name: 'Lost?' }), 'old code create()').rejects.toMatchObject({ code: '42703' });
    await d.checkAll('a row the old code tried to write after the contract');
  });

  it('rollback: with both versions live, withdrawing the new code and migrating expand down leaves Django’s table and every latest name', async () => {
    const d = new Deployment();
    const before = { columns: await columns(), triggers: await triggers(), functions: await functions() };
    await d.expand();
    await d.backfill(4, fixedNames);
    await d.deployNew();
    await writeTogether(d, 6, 6);
    await d.rollback();
    expect(await columns(), 'billing_customer columns after the rollback').toEqual(before.columns);
    expect(await triggers(), 'triggers on billing_customer after the rollback').toEqual(before.triggers);
    expect(await functions(), 'functions of yours after the rollback').toEqual(before.functions);
    await writeTogether(d, 7, 2);
    await d.checkAll('a row the old code wrote after the rollback');
  });

  it('rollback straight after the expand (the deploy is abandoned before any backfill): the old code is unharmed', async () => {
    const d = new Deployment();
    await d.expand();
    await writeTogether(d, 8, 2);
    await d.rollback();
    expect((await columns()).map((c) => c.column_name), 'columns after the rollback').toEqual(['id', 'name', 'owner_id']);
  });

  it('the whole timeline runs again on the same database after a rollback: expand → backfill → both → contract', async () => {
    const d = new Deployment();
    await d.expand();
    await d.backfill(9, fixedNames);
    await d.rollback();
    await d.expand();
    await d.backfill(9, fixedNames);
    await d.deployNew();
    await writeTogether(d, 9, 3);
    await d.retireOld();
    await d.contract();
    await d.checkAll('a row written across a rollback and a second expand');
  });
});

async function columns() {
  const { rows } = await conn.query(
    "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'billing_customer' ORDER BY column_name",
  );
  return rows as { column_name: string; data_type: string; is_nullable: string }[];
}

async function triggers() {
  const { rows } = await conn.query("SELECT tgname FROM pg_trigger WHERE tgrelid = 'billing_customer'::regclass AND NOT tgisinternal ORDER BY tgname");
  return rows.map((r) => r.tgname as string);
}

async function functions() {
  const { rows } = await conn.query(
    "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1",
  );
  return rows.map((r) => r.proname as string);
}
