/**
 * The browser twin of src/workbook/testing/engines.ts, for graders that
 * start a database of their own beside useDatabase()'s (invoice-detail
 * starts real Postgres to re-run a query pg-mem may have answered wrongly).
 * Same exports for a grader: `startEngine` and the types.
 *
 * In the browser every engine is PGlite (see twins/database.ts), so the
 * handle says 'pglite' whatever was asked. It is a PGlite of its own, opened
 * from the fixture's snapshot (not the worker's kept one, which the grader's
 * useDatabase() is resetting), reached and reset as startPglite does.
 * `options.host` (the CLI's watch-mode PGlite thread) has no meaning here.
 */
import type { Engine } from '../../curriculum.ts';
import type { EngineHandle, Fixture, StartOptions } from '../../workbook/testing/engines.ts';
import { openSeparate } from './database-open.ts';
import { poolOver } from './database-pool.ts';

export type { EngineHandle, Fixture, PoolLike, StartOptions } from '../../workbook/testing/engines.ts';

export async function startEngine(_engine: Engine, fixture: Fixture, _options: StartOptions = {}): Promise<EngineHandle> {
  const lite = await openSeparate(fixture);
  const pool = poolOver(lite);
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
