/**
 * Build step for the browser database: writes into `<outDir>/pglite/` the
 * two files PGlite fetches when it opens a snapshot (pglite-browser.ts:
 * pglite.wasm, pglite.data — not initdb.wasm, which a loaded data directory
 * never runs) and one seeded snapshot per fixture that a browser-graded
 * exercise's grader uses, named by fixtureHash() so the browser twin
 * (twins/database.ts) finds it from the Fixture object alone.
 *
 * The snapshots are the CLI graders' own templates: seededPglite() (same
 * initdb options, schema, seed and CHECKPOINT) makes or loads the cached
 * template, which proves it opens, and its bytes are copied as they are.
 *
 * Which fixtures: each exercise the manifest marks `browser: 'grades'` with
 * a database engine names its fixture in its grader as
 * `useDatabase('<name>', <fixture>)`, imported from test/fixtures/. That
 * call is read from the grader's text; a grader written otherwise fails the
 * build here, with its name, rather than a reader's grade.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exercises, type Exercise } from '../curriculum.ts';
import type { Fixture } from '../workbook/testing/engines.ts';
import { seededPglite, templateFile } from '../workbook/testing/pglite-template.ts';
import { PGLITE_FILES } from './pglite-browser.ts';
import { fixtureHash, PGLITE_DIR, snapshotFile } from './pglite-fixture-hash.ts';

const root = resolve(import.meta.dirname, '../..');

export interface PgliteAssets {
  /** fixtureHash → snapshot file name, both inside `<outDir>/pglite/`. */
  snapshots: Record<string, string>;
}

/** The grader of a browser-graded database exercise, e.g. test/05-validation/create-invoice.test.ts. */
const graderOf = (exercise: Exercise) => join(root, 'test', exercise.chapter, `${exercise.name}.test.ts`);

/** The Fixture object `grader` passes to useDatabase(), loaded from the test/fixtures/ module it imports it from. */
export async function fixtureOfGrader(grader: string, exercise: string): Promise<Fixture> {
  const text = readFileSync(grader, 'utf8');
  const name = new RegExp(`useDatabase\\(\\s*'${exercise}'\\s*,\\s*(\\w+)\\s*\\)`).exec(text)?.[1];
  const from = name && new RegExp(`import\\s*{[^}]*\\b${name}\\b[^}]*}\\s*from\\s*'(\\.\\./fixtures/[^']+)'`).exec(text)?.[1];
  if (!name || !from) throw new Error(`${grader}: expected useDatabase('${exercise}', <fixture>) with <fixture> imported from ../fixtures/`);
  const module = (await import(pathToFileURL(resolve(dirname(grader), from)).href)) as Record<string, Fixture>;
  const fixture = module[name];
  if (!fixture?.schema || fixture.seed === undefined || !fixture.tables) throw new Error(`${grader}: ${name} from ${from} is not a Fixture`);
  return fixture;
}

/** Every distinct fixture the browser-graded database exercises use. */
export async function browserFixtures(list: readonly Exercise[] = exercises): Promise<Fixture[]> {
  const graded = list.filter((e) => e.browser === 'grades' && e.engine !== null);
  const fixtures = await Promise.all(graded.map((e) => fixtureOfGrader(graderOf(e), e.name)));
  return [...new Set(fixtures)];
}

export async function buildPgliteAssets(outDir: string, fixtures?: readonly Fixture[]): Promise<PgliteAssets> {
  const dir = join(outDir, PGLITE_DIR);
  mkdirSync(dir, { recursive: true });
  // The exports map hides dist/ files from require.resolve; find the package by its entry point.
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (const file of PGLITE_FILES) copyFileSync(join(dist, file), join(dir, file));
  const snapshots: Record<string, string> = {};
  // One at a time: each opens a PGlite (hundreds of MB of WASM memory).
  for (const fixture of fixtures ?? (await browserFixtures())) {
    const hash = await fixtureHash(fixture);
    if (snapshots[hash]) continue;
    const lite = await seededPglite(fixture);
    await lite.close();
    copyFileSync(templateFile(fixture), join(dir, snapshotFile(hash)));
    snapshots[hash] = snapshotFile(hash);
  }
  return { snapshots };
}
