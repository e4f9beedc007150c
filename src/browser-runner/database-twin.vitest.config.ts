/**
 * Proves the browser twin of the graders' database (twins/database.ts)
 * grades like the CLI, in Node: the real grader files of every
 * browser-graded database exercise, with their imports of
 * src/workbook/testing/database.ts and engines.ts pointed at the twins
 * (twins/database.ts, twins/database-engines.ts), as in the browser, against
 *   twin:solutions            the references            (must pass)
 *   twin:starters             the untouched starters    (must fail)
 *   twin:wrong:<ex>.<mistake> each known-wrong variant  (must fail)
 * The snapshots are the ones the site build writes (buildPgliteAssets, in
 * database-twin.global-setup.ts), read from disk instead of fetched
 * (database-twin.setup.ts). test/runtime/browser-database-twin.test.ts runs
 * this config and checks each project's outcome; alone:
 *   npx vitest run --config src/browser-runner/database-twin.vitest.config.ts
 */
import { resolve } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { exercises, paths, type Exercise } from '../curriculum.ts';
import { wrongVariants } from '../workbook/variants.ts';

const root = resolve(import.meta.dirname, '../..');
const grading = (file: string) => resolve(root, 'src/workbook/grading', file);

/** The exercises whose page grades them in the browser on a database. */
export const twinExercises: readonly Exercise[] = exercises.filter((e) => e.browser === 'grades' && e.engine !== null);

function project(name: string, exercise: Exercise, code: string): TestProjectInlineConfiguration {
  return {
    extends: false,
    resolve: {
      alias: [
        // Graders import it relatively (../../src/workbook/testing/database.ts).
        { find: /^.*\/src\/workbook\/testing\/database\.ts$/, replacement: resolve(import.meta.dirname, 'twins/database.ts') },
        { find: /^.*\/src\/workbook\/testing\/engines\.ts$/, replacement: resolve(import.meta.dirname, 'twins/database-engines.ts') },
        { find: paths.specifier(exercise), replacement: resolve(root, code) },
      ],
    },
    test: {
      name,
      root,
      include: [paths.grader(exercise)],
      // The CLI's grader setup (heartbeat, assertion locks, unhandled rejections fail), then the disk opener.
      setupFiles: [grading('heartbeat-setup.ts'), grading('guard-setup.ts'), grading('unhandled-setup.ts'), resolve(import.meta.dirname, 'database-twin.setup.ts')],
      // As the CLI (vitest-projects.ts): 5 s a test, threads, two workers (PGlite ~640 MB each), no it.only.
      testTimeout: 5_000,
      hookTimeout: 60_000,
      pool: 'threads',
      maxWorkers: 2,
      isolate: true,
      allowOnly: false,
    },
  };
}

export default defineConfig({
  test: {
    // Once for all projects: they share the assets.
    globalSetup: [resolve(import.meta.dirname, 'database-twin.global-setup.ts')],
    projects: twinExercises.flatMap((e) => [
      project(`twin:solutions:${e.name}`, e, paths.solution(e)),
      project(`twin:starters:${e.name}`, e, paths.starter(e)),
      ...wrongVariants(e, root).map((v) => project(`twin:wrong:${e.name}.${v.name}`, e, v.file)),
    ]),
  },
});
