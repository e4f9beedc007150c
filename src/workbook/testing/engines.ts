/**
 * The two in-memory Postgres engines, behind node-postgres' Pool interface.
 *
 * pg-mem starts in milliseconds and restores a snapshot in about a
 * microsecond, but is silently wrong on common SQL (see the research notes in
 * CONTRIBUTING.md). PGlite is real Postgres compiled to WASM: slower to start,
 * faithful. Exercises declare which one grades them in src/curriculum.ts.
 *
 * Both follow the workbook's int8 convention (src/lib/db.ts): PGlite is
 * reached through node-postgres with `workbookTypes`, so ids and count(*)
 * arrive as checked numbers, as from createPool() in production; pg-mem
 * keeps int8 as a JavaScript number already (it cannot hold one past
 * 2^53 − 1 at all, so the check has nothing to catch there).
 */
import type { Engine } from '../../curriculum.ts';
import { workbookTypes } from '../../lib/db.ts';
import { schemaForPgMem } from './pg-mem-schema.ts';
import { setPgMemSerials, splitSetvals } from './pg-mem-sequences.ts';
import { reachable, startHostedPglite } from './pglite-client.ts';
import type { HostAddress } from './pglite-host-messages.ts';
import { seededPglite } from './pglite-template.ts';

export interface EngineHandle {
  engine: Engine;
  /** A pg.Pool-compatible object: query(), connect(), end(). */
  pool: PoolLike;
  /** Put the data back to the seeded state. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface PoolLike {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  connect(): Promise<{ query: PoolLike['query']; release(err?: unknown): void }>;
  end(): Promise<void>;
}

export interface Fixture {
  /** DDL, run once per test file: Django's (test/fixtures/schema/), adapted for pg-mem by schemaForPgMem. */
  schema: string;
  /**
   * Rows every test starts from. Explicit ids, then
   * `SELECT setval(pg_get_serial_sequence('t', 'id'), last);` per table, so
   * both engines number the rows a test inserts alike (pg-mem-sequences.ts).
   */
  seed: string;
  /** Tables to empty between tests on PGlite (children first is not needed: CASCADE). */
  tables: readonly string[];
}

export interface StartOptions {
  /** In watch mode: the PGlite host thread (pglite-host.ts); PGlite then runs there, not in this thread. */
  host?: HostAddress | null;
}

export async function startEngine(engine: Engine, fixture: Fixture, options: StartOptions = {}): Promise<EngineHandle> {
  if (engine === 'pg-mem') return startPgMem(fixture);
  return reachable(options.host) ? startHostedPglite(options.host, fixture) : startPglite(fixture);
}

async function startPgMem(fixture: Fixture): Promise<EngineHandle> {
  const { newDb } = await import('pg-mem');
  const db = newDb();
  db.public.none(schemaForPgMem(fixture.schema).sql);
  const { sql, positions } = splitSetvals(fixture.seed);
  db.public.none(sql);
  setPgMemSerials(db, positions);
  const snapshot = db.backup();
  const { Pool } = db.adapters.createPg();
  const pool = new Pool() as PoolLike;
  return {
    engine: 'pg-mem',
    pool,
    reset: async () => snapshot.restore(),
    close: async () => pool.end(),
  };
}

async function startPglite(fixture: Fixture): Promise<EngineHandle> {
  const [{ createPgConfig }, pg, lite] = await Promise.all([
    import('@electric-sql/pglite/node-postgres'),
    import('pg'),
    seededPglite(fixture),
  ]);
  const pool = new pg.default.Pool({ ...createPgConfig(lite), types: workbookTypes }) as unknown as PoolLike;
  // TRUNCATE + reseed rather than BEGIN/ROLLBACK: code under test may COMMIT,
  // which would end an outer test transaction and leak rows into the next test.
  const truncate = `TRUNCATE ${fixture.tables.join(', ')} RESTART IDENTITY CASCADE;`;
  return {
    engine: 'pglite',
    pool,
    reset: async () => {
      await lite.exec(truncate + fixture.seed);
    },
    close: async () => {
      await pool.end();
      await lite.close();
    },
  };
}
