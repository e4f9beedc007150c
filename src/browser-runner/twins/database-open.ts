/**
 * The grading worker's one PGlite, for twins/database.ts.
 *
 * Opening PGlite from a snapshot costs about a second; a re-grade should
 * not pay it again. But each grade imports its grader bundle afresh (a new
 * module instance per run), so the open database is kept on globalThis,
 * which outlives the bundles, and handed to the next grade of the same
 * fixture.
 *
 * The CLI gives every grader file a database fresh from the template, and
 * TRUNCATE + seed before each test restores rows, not structure. So before
 * a kept database is handed on, whatever the last grade left beyond rows is
 * undone or detected:
 * - an open transaction (a learner's BEGIN without COMMIT) is rolled back;
 * - session state — prepared statements (node-postgres' named queries:
 *   the next grade's pool would be refused "prepared statement … already
 *   exists"), SET values, temporary tables, advisory locks — goes with
 *   DISCARD ALL;
 * - changed structure (a DROP TABLE that got through, an added column or
 *   constraint, a new function or trigger) shows in a fingerprint of the
 *   catalog taken when the database was opened; then the database is closed
 *   and opened again from the snapshot.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Fixture } from '../../workbook/testing/engines.ts';
import { openSeededPglite } from '../pglite-browser.ts';
import { fixtureHash, PGLITE_DIR, snapshotFile } from '../pglite-fixture-hash.ts';

/** Opens the snapshot named `file` (inside the runner's pglite/ folder). */
export type SnapshotOpener = (file: string) => Promise<PGlite>;

/** Set by the grading worker (runner/worker.ts): the runner folder's URL, ending in `/`. */
export const RUNNER_BASE_GLOBAL = '__DJTS_RUNNER_BASE__';

interface Kept {
  hash: string;
  lite: Promise<PGlite>;
  /** The catalog as the snapshot had it. */
  fingerprint: Promise<string>;
}

interface State {
  opener?: SnapshotOpener;
  kept?: Kept;
}

// On globalThis, not in this module: a re-imported grader bundle gets a new copy of this module.
const STATE = Symbol.for('djts.browser-runner.pglite');
const state = (): State => ((globalThis as Record<symbol, State>)[STATE] ??= {});

/**
 * Replaces how snapshots are opened (default: openSeededPglite from the
 * runner's base URL). For running the twin under Node, where the snapshot
 * comes from disk (src/browser-runner/database-twin.vitest.config.ts).
 */
export function useSnapshotOpener(open: SnapshotOpener): void {
  state().opener = open;
}

function fromRunnerBase(file: string): Promise<PGlite> {
  const base = (globalThis as Record<string, unknown>)[RUNNER_BASE_GLOBAL];
  if (typeof base !== 'string') throw new Error(`useDatabase(): globalThis.${RUNNER_BASE_GLOBAL} is not set; the grading worker sets it to the runner folder's URL`);
  return openSeededPglite(new URL(`${PGLITE_DIR}/${file}`, base).href);
}

/**
 * Every object in the database's own schemas: relations and their kind,
 * columns with type, nullability and default, constraints, indexes,
 * triggers, functions. Rows are not in it (the per-test reset handles them).
 */
const FINGERPRINT = `
  WITH ours AS (SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%')
  SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line), '')) AS fingerprint FROM (
    SELECT format('rel %s %s', c.oid::regclass, c.relkind) AS line FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM ours)
    UNION ALL
    SELECT format('col %s.%s %s %s %s', a.attrelid::regclass, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relnamespace IN (SELECT oid FROM ours) AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT format('con %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace IN (SELECT oid FROM ours)
    UNION ALL
    SELECT format('idx %s', pg_get_indexdef(indexrelid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace IN (SELECT oid FROM ours)
    UNION ALL
    SELECT format('trg %s', pg_get_triggerdef(t.oid)) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace IN (SELECT oid FROM ours) AND NOT t.tgisinternal
    UNION ALL
    SELECT format('fn %s', p.oid::regprocedure) FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ours)
  ) lines`;

async function fingerprintOf(lite: PGlite): Promise<string> {
  const { rows } = await lite.query<{ fingerprint: string }>(FINGERPRINT);
  return rows[0]!.fingerprint;
}

function open(hash: string): Kept {
  const lite = (state().opener ?? fromRunnerBase)(snapshotFile(hash));
  const kept: Kept = { hash, lite, fingerprint: lite.then(fingerprintOf) };
  // A failed open is reported to the grade that awaits it, and not kept for the next.
  lite.catch(() => {
    if (state().kept === kept) state().kept = undefined;
  });
  return kept;
}

/** Puts a kept database back to how the snapshot left it, or says it cannot. */
async function clean(kept: Kept): Promise<boolean> {
  const lite = await kept.lite;
  if (lite.closed) return false;
  if (lite.isInTransaction()) await lite.exec('ROLLBACK');
  await lite.exec('DISCARD ALL');
  return (await fingerprintOf(lite)) === (await kept.fingerprint);
}

/**
 * A PGlite of its own for `fixture`, not the worker's kept one: for a
 * grader that asks for a second database (startEngine, database-engines.ts).
 * The caller closes it.
 */
export async function openSeparate(fixture: Fixture): Promise<PGlite> {
  return (state().opener ?? fromRunnerBase)(snapshotFile(await fixtureHash(fixture)));
}

/**
 * The worker's PGlite for `fixture`: the kept one when it is this fixture's
 * and still as its snapshot made it, otherwise a new one from the snapshot
 * (closing the old: one PGlite per worker, each holds 100+ MB of memory).
 */
export async function pgliteFor(fixture: Fixture): Promise<PGlite> {
  const hash = await fixtureHash(fixture);
  const kept = state().kept;
  if (kept?.hash === hash && (await clean(kept).catch(() => false))) return kept.lite;
  if (kept) void kept.lite.then((lite) => (lite.closed ? undefined : lite.close())).catch(() => {});
  const fresh = open(hash);
  state().kept = fresh;
  // The fingerprint is taken before the grade's first statement can change anything.
  await fresh.fingerprint;
  return fresh.lite;
}
