/**
 * Builds the vitest projects for each audience. A grader imports the code
 * under test as `@exercise/<chapter>/<name>`; each project points that
 * alias somewhere else, which is how one grader judges a starter, a
 * reference solution and every known-wrong variant.
 */
import { resolve } from 'node:path';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { exercises, paths, type Exercise } from '../curriculum.ts';
import { PROJECT_ENV } from './grading/heartbeat.ts';
import { wrongVariants } from './variants.ts';

const root = resolve(import.meta.dirname, '../..');
const grading = (file: string) => resolve(import.meta.dirname, 'grading', file);

/**
 * Run in every worker before each test file, in this order:
 *   heartbeat   lets the grading CLI tell a blocked event loop from a busy machine
 *   guard       locks the assertions so an exercise cannot switch its grader off
 *   unhandled   a rejection nobody handles fails the test it surfaced in
 * The workbook's own tests (snippets, runtime) only need the heartbeat.
 */
const graderSetup = [grading('heartbeat-setup.ts'), grading('guard-setup.ts'), grading('unhandled-setup.ts')];
const ownSetup = [grading('heartbeat-setup.ts')];

const shared = {
  // Learner code can hang; a stuck async test fails instead of stalling the run.
  testTimeout: 5_000,
  hookTimeout: 60_000,
  // Worker threads rather than forked processes: re-grading one exercise in
  // watch mode takes ~0.55 s instead of ~0.9 s (npm run bench), and a stuck
  // test still cannot hide, because the watchdog kills the whole vitest process.
  pool: 'threads' as const,
  // PGlite needs ~640 MB per instance: two workers fit every machine we target.
  maxWorkers: 2,
  isolate: true,
  // Grading is deterministic: dates in UTC on every machine.
  env: { TZ: 'UTC' },
  // An exercise that calls it.only() would turn every grader test into a skipped one.
  allowOnly: false,
};

function aliasTo(dir: 'exercises' | 'solutions', overrides: Record<string, string> = {}) {
  return [
    ...Object.entries(overrides).map(([find, replacement]) => ({ find, replacement: resolve(root, replacement) })),
    { find: /^@exercise\/(.+)$/, replacement: `${resolve(root, dir)}/$1.ts` },
  ];
}

function project(
  name: string,
  include: string[],
  alias: ReturnType<typeof aliasTo>,
  env: Record<string, string> = {},
  setupFiles = graderSetup,
): TestProjectInlineConfiguration {
  return {
    extends: false,
    resolve: { alias },
    test: { ...shared, name, root, include, setupFiles, env: { ...shared.env, [PROJECT_ENV]: name, ...env } },
  };
}

const graders = (list: readonly Exercise[]) => list.map(paths.grader);
const withDb = exercises.filter((e) => e.engine !== null);

/** Tests of the guide's own TypeScript snippets (content/**) and of the workbook runtime. */
const ownTests = () => [
  project('snippets', ['test/snippets/**/*.test.ts'], aliasTo('solutions'), {}, ownSetup),
  project('runtime', ['test/runtime/**/*.test.ts'], aliasTo('solutions'), {}, ownSetup),
];

/**
 * WORKBOOK_SUBSTITUTE='{"greet": "/abs/path/greet-with-a-loop.ts"}' grades
 * another file in place of an exercise, without touching exercises/: how the
 * grading runner's own tests feed it a loop or a cheat. Learner target only.
 */
export const SUBSTITUTE_ENV = 'WORKBOOK_SUBSTITUTE';

function substitutes(): Record<string, string> {
  const raw = process.env[SUBSTITUTE_ENV];
  if (!raw) return {};
  return Object.fromEntries(
    Object.entries(JSON.parse(raw) as Record<string, string>).map(([name, file]) => {
      const exercise = exercises.find((e) => e.name === name);
      if (!exercise) throw new Error(`${SUBSTITUTE_ENV}: there is no exercise named "${name}"`);
      return [paths.specifier(exercise), file];
    }),
  );
}

/**
 * The learner's (and the bench's) project: in watch mode only, PGlite lives in a thread
 * that outlives vitest's workers, so a re-grade does not start Postgres again
 * (src/workbook/testing/pglite-host.ts; it does nothing outside watch mode).
 */
const withPgliteHost = (p: TestProjectInlineConfiguration): TestProjectInlineConfiguration => ({
  ...p,
  test: { ...p.test, globalSetup: [resolve(root, 'src/workbook/testing/pglite-host.ts')] },
});

export function projectsFor(target: string): TestProjectInlineConfiguration[] {
  if (target === 'exercises') return [withPgliteHost(project(target, graders(exercises), aliasTo(target, substitutes())))];
  if (target === 'solutions') return [withPgliteHost(project(target, graders(exercises), aliasTo(target)))];
  if (target !== 'verify') throw new Error(`WORKBOOK_TARGET must be exercises, solutions or verify, not ${target}`);
  return [
    ...ownTests(),
    project('solutions', graders(exercises), aliasTo('solutions')),
    project('solutions@pglite', graders(withDb), aliasTo('solutions'), { WORKBOOK_DB: 'pglite' }),
    project('starters', graders(exercises), aliasTo('exercises')),
    ...exercises.flatMap((e) =>
      wrongVariants(e).map((v) =>
        project(`wrong:${e.name}.${v.name}`, [paths.grader(e)], aliasTo('solutions', { [paths.specifier(e)]: v.file })),
      ),
    ),
  ];
}
