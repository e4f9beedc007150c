/**
 * The browser twin of src/workbook/testing/database.ts: the same exports
 * (`useDatabase`, `engineFor`, `TestDatabase`) and the same behaviour for a
 * grader — a seeded database per test file, reset before every test, the
 * code under test's statements recorded by the same recorder.ts — so a
 * grader bundled for the browser (its import of database.ts mapped here)
 * runs unchanged.
 *
 * Always PGlite, even for an exercise the CLI grades on pg-mem: a browser
 * has the real Postgres anyway, and a correct answer must never fail
 * because of the engine. `engine` says 'pglite', so a grader's pg-mem-only
 * checks (invoice-detail's second run on real Postgres) are skipped, as
 * they are on the CLI under WORKBOOK_DB=pglite.
 *
 * Reached as on the CLI (startPglite in engines.ts): node-postgres' Pool
 * over PGlite with workbookTypes (database-pool.ts), so rows, errors and
 * connect() clients are node-postgres' own; reset is TRUNCATE … RESTART
 * IDENTITY CASCADE + seed straight on PGlite. The PGlite itself is the
 * worker's one, opened from the fixture's snapshot and kept between grades
 * (database-open.ts).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../../curriculum.ts';
import type { Fixture, PoolLike } from '../../workbook/testing/engines.ts';
import { recordQueries, type RecordedQuery } from '../../workbook/testing/recorder.ts';
import { pgliteFor } from './database-open.ts';
import { poolOver } from './database-pool.ts';

export { useSnapshotOpener, type SnapshotOpener } from './database-open.ts';

export interface TestDatabase {
  /** Pass this to the code under test: a recorded pg.Pool-compatible object. */
  readonly pool: PoolLike;
  /** Unrecorded access for the grader's own setup and assertions. */
  readonly direct: PoolLike;
  /** Statements the code under test sent since the test started. */
  readonly queries: RecordedQuery[];
  readonly engine: Engine;
}

/** In the browser every database exercise is graded on PGlite (real Postgres). */
export function engineFor(_exerciseName: string): Engine {
  return 'pglite';
}

export function useDatabase(exerciseName: string, fixture: Fixture): TestDatabase {
  let lite: PGlite | undefined;
  let pool: PoolLike | undefined;
  let recorded: PoolLike | undefined;
  const queries: RecordedQuery[] = [];
  const engine = engineFor(exerciseName);
  const truncate = `TRUNCATE ${fixture.tables.join(', ')} RESTART IDENTITY CASCADE;`;

  beforeAll(async () => {
    lite = await pgliteFor(fixture);
    pool = poolOver(lite);
    recorded = recordQueries(pool, queries);
  }, 60_000);
  beforeEach(async () => {
    await lite!.exec(truncate + fixture.seed);
    queries.length = 0;
  });
  afterAll(async () => {
    // The pool only: the PGlite stays open for the next grade (database-open.ts).
    await pool?.end();
  });

  const need = () => {
    if (!pool || !recorded) throw new Error('useDatabase(): the database is only available inside tests');
    return { pool, recorded };
  };
  return {
    get pool() { return need().recorded; },
    get direct() { return need().pool; },
    queries,
    engine,
  };
}
