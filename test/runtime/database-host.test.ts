/**
 * The PGlite host thread that keeps Postgres warm between watch-mode runs
 * (src/workbook/testing/pglite-host.ts): every test file still gets a
 * database nobody else touched, the pool behaves as with PGlite in the
 * worker, and databases do not pile up.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billing, BOB } from '../fixtures/billing.ts';
import { insertUsers } from '../fixtures/schema.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { hostStats, startHostedPglite } from '../../src/workbook/testing/pglite-client.ts';
import type { TestProject } from 'vitest/node';
import type { HostAddress } from '../../src/workbook/testing/pglite-host-messages.ts';
import setup, { startHost, type RunningHost } from '../../src/workbook/testing/pglite-host.ts';

let host: RunningHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(() => host.stop());

const open = () => startEngine('pglite', billing, { host: host.address });
const one = async (db: EngineHandle, sql: string) => (await db.pool.query(sql)).rows[0];

async function until(check: () => Promise<boolean>, what: string) {
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still waiting after 10 s: ${what}`);
}

describe('PGlite host (watch mode)', () => {
  it('gives the next test file a database without anything the previous one installed or left behind', async () => {
    const first = await open();
    // What graders install (create-with-items adds a trigger) and what
    // learner code can leave behind, including an unfinished transaction.
    await first.pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await first.pool.query('CREATE TRIGGER refuse BEFORE DELETE ON billing_customer FOR EACH ROW EXECUTE FUNCTION refuse()');
    await first.pool.query('CREATE TABLE leak_probe (id int)');
    await first.pool.query('ALTER TABLE billing_invoice ADD COLUMN leaked int');
    await first.pool.query("ALTER DATABASE postgres SET statement_timeout = '1s'");
    await first.pool.query(insertUsers([{ id: null, username: 'carol' }]));
    await first.pool.query('BEGIN');
    await first.pool.query(insertUsers([{ id: null, username: 'dave' }]));
    await first.close();

    const second = await open();
    try {
      expect(await one(second, "SELECT to_regclass('leak_probe') AS t")).toEqual({ t: null });
      expect(await one(second, "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'refuse'")).toEqual({ n: 0 });
      expect(await one(second, "SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'leaked'")).toEqual({ n: 0 });
      expect(await one(second, 'SELECT count(*)::int AS n FROM pg_db_role_setting')).toEqual({ n: 0 });
      expect(await one(second, 'SELECT count(*)::int AS n FROM auth_user')).toEqual({ n: 2 });
      // The same grader run again (a watch re-run) installs its trigger again without "already exists".
      await second.pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    } finally {
      await second.close();
    }
  }, 30_000);

  it('behaves like PGlite in the worker: parameters, SQLSTATE errors, transactions and the per-test reset', async () => {
    const db = await open();
    try {
      expect(await one(db, 'SELECT 1 + 1 AS two')).toEqual({ two: 2 });
      expect((await db.pool.query('SELECT number FROM billing_invoice WHERE owner_id = $1 ORDER BY id', [BOB])).rows).toEqual([{ number: 'GLX-001' }]);
      await expect(db.pool.query('SELECT * FROM nowhere')).rejects.toMatchObject({ code: '42P01' });
      const client = await db.pool.connect();
      await client.query('BEGIN');
      await client.query(insertUsers([{ id: null, username: 'erin' }]));
      await client.query('ROLLBACK');
      client.release();
      expect(await one(db, 'SELECT count(*)::int AS n FROM auth_user')).toEqual({ n: 2 });

      await db.pool.query(insertUsers([{ id: null, username: 'frank' }]));
      await db.reset();
      expect(await one(db, 'SELECT count(*)::int AS n, max(id) AS last FROM auth_user')).toEqual({ n: 2, last: BOB });
    } finally {
      await db.close();
    }
  }, 30_000);

  it('stops a database stuck in a query that never ends, fails the rest of its file at once, and serves the next file', async () => {
    const stuck = await startHostedPglite(host.address, billing, 1_000);
    const endless = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';
    await expect(stuck.pool.query(endless)).rejects.toThrow('the database did not answer within 1 s: a query that never ends? PGlite was restarted');
    const started = Date.now();
    await expect(stuck.reset()).rejects.toThrow('a query that never ends?');
    expect(Date.now() - started).toBeLessThan(500);
    await stuck.close();
    expect(await hostStats(host.address)).toMatchObject({ inUse: 0, restarts: 1 });

    const next = await open();
    try {
      expect(await one(next, 'SELECT count(*)::int AS n FROM billing_invoice')).toEqual({ n: 4 });
    } finally {
      await next.close();
    }
  }, 30_000);

  it('frees the database of a test worker that ended without closing it, and keeps one spare at most', async () => {
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       import(workerData.client).then(async ({ startHostedPglite }) => {
         const db = await startHostedPglite(workerData.address, workerData.fixture);
         await db.pool.query('SELECT 1');
         process.exit(0); // gone, without db.close()
       });`,
      {
        eval: true,
        workerData: { client: new URL('../../src/workbook/testing/pglite-client.ts', import.meta.url).href, address: host.address, fixture: billing },
      },
    );
    await new Promise((resolve) => worker.once('exit', resolve));
    await until(async () => (await hostStats(host.address)).inUse === 0, 'the abandoned database to be closed');
    expect((await hostStats(host.address)).spares).toBeLessThanOrEqual(1);
  }, 30_000);

  it('is one host for both projects of a target (threads and forks), stopped when the last one tears down', async () => {
    const provided: (HostAddress | null)[] = [];
    const project = { vitest: { config: { watch: true } }, provide: (_key: string, value: HostAddress | null) => provided.push(value) } as unknown as TestProject;
    const threadsTeardown = await setup(project);
    const forksTeardown = await setup(project);
    const [threads, forks] = provided.filter((a) => a !== null);
    expect(forks).toEqual(threads);
    await threadsTeardown!();
    expect(await hostStats(forks!)).toMatchObject({ inUse: 0 });
    await forksTeardown!();
    // Stopped: nobody answers on its channel any more.
    const answer = await Promise.race([hostStats(forks!).then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 300, 'silent'))]);
    expect(answer).toBe('silent');
  }, 30_000);
});
