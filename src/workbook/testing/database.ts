/**
 * `useDatabase()` gives a grader an isolated, seeded database per test:
 * started once per test file, restored from a snapshot before every test,
 * with every statement the code under test sends recorded.
 */
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { Engine, exercises } from '../../curriculum.ts';
import { startEngine, type EngineHandle, type Fixture, type PoolLike } from './engines.ts';
import { recordQueries, type RecordedQuery } from './recorder.ts';

export interface TestDatabase {
  /** Pass this to the code under test: a recorded pg.Pool-compatible object. */
  readonly pool: PoolLike;
  /** Unrecorded access for the grader's own setup and assertions. */
  readonly direct: PoolLike;
  /** Statements the code under test sent since the test started. */
  readonly queries: RecordedQuery[];
  readonly engine: Engine;
}

/**
 * WORKBOOK_DB=pglite forces real Postgres for everything; otherwise the
 * manifest decides. The CLI checks WORKBOOK_DB before grading; a grader run
 * by vitest directly still says what is wrong in one sentence, the CLI's,
 * rather than with a ZodError.
 */
export function engineFor(exerciseName: string): Engine {
  const forced = process.env.WORKBOOK_DB;
  if (forced) {
    const parsed = Engine.safeParse(forced);
    if (!parsed.success) throw new Error(`WORKBOOK_DB must be ${Engine.options.join(' or ')}, not "${forced}".`);
    return parsed.data;
  }
  const exercise = exercises.find((e) => e.name === exerciseName);
  if (!exercise?.engine) throw new Error(`exercise ${exerciseName} declares no database engine in src/curriculum.ts`);
  return exercise.engine;
}

export function useDatabase(exerciseName: string, fixture: Fixture): TestDatabase {
  let handle: EngineHandle | undefined;
  let recorded: PoolLike | undefined;
  const queries: RecordedQuery[] = [];
  const engine = engineFor(exerciseName);

  beforeAll(async () => {
    handle = await startEngine(engine, fixture, { host: inject('workbookPgliteHost') });
    recorded = recordQueries(handle.pool, queries);
  }, 60_000);
  beforeEach(async () => {
    await handle!.reset();
    queries.length = 0;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const need = () => {
    if (!handle || !recorded) throw new Error('useDatabase(): the database is only available inside tests');
    return { handle, recorded };
  };
  return {
    get pool() { return need().recorded; },
    get direct() { return need().handle.pool; },
    queries,
    engine,
  };
}
