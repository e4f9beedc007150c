/**
 * Builds the vitest projects for each audience. A grader imports the code
 * under test as `@exercise/<chapter>/<name>`; each project points that
 * alias somewhere else, which is how one grader judges a starter, a
 * reference solution and every known-wrong variant.
 */
import { resolve } from 'node:path';
import { configDefaults, type TestProjectInlineConfiguration } from 'vitest/config';
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
  // Threads share the process's time zone (setting TZ in one changes nothing),
  // so graders that move the clock's zone run in forks (see `forks` below).
  pool: 'threads' as const,
  // PGlite needs ~640 MB per instance: two workers fit every machine we target.
  maxWorkers: 2,
  isolate: true,
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
    test: { ...shared, name, root, include, setupFiles, env: { [PROJECT_ENV]: name, ...env } },
  };
}

const graders = (list: readonly Exercise[]) => list.map(paths.grader);

/**
 * Exercises with `dates: true` (src/curriculum.ts) run their date tests
 * under far time zones (src/workbook/testing/time-zones.ts), which only a
 * process of its own can switch to: their graders run in forked processes.
 * A fork gets the same heap cap as a worker thread (vitest.config.ts's
 * WORKER_HEAP_MB, which reaches threads only).
 */
export const FORK_HEAP_MB = 512;
const forks = (p: TestProjectInlineConfiguration): TestProjectInlineConfiguration => ({
  ...p,
  test: { ...p.test, pool: 'forks', execArgv: [`--max-old-space-size=${FORK_HEAP_MB}`] },
});
const needForks = (list: readonly Exercise[]) => list.some((e) => e.dates);

/**
 * The learner's target (and the references'): one project in threads for
 * most graders and, when some exercise has dates, a second in forks for
 * those. Each grader is in exactly one (the CLI maps results by file); each
 * project also excludes the other's graders, so a caller that narrows
 * `include` to one grader (src/mutants/vitest.config.ts) still runs it once,
 * in the right pool.
 */
function splitByPool(
  name: string,
  list: readonly Exercise[],
  alias: ReturnType<typeof aliasTo>,
  each: (p: TestProjectInlineConfiguration) => TestProjectInlineConfiguration,
): TestProjectInlineConfiguration[] {
  const dated = list.filter((e) => e.dates);
  const plain = list.filter((e) => !e.dates);
  const excluding = (p: TestProjectInlineConfiguration, others: readonly Exercise[]) => ({
    ...p,
    test: { ...p.test, exclude: [...configDefaults.exclude, ...graders(others)] },
  });
  return [
    each(excluding(project(name, graders(plain), alias), dated)),
    ...(dated.length > 0 ? [each(forks(excluding(project(`${name} (time zones)`, graders(dated), alias), plain)))] : []),
  ];
}

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
 * The learner's (and the bench's) projects: in watch mode only, PGlite lives in a thread
 * that outlives vitest's workers, so a re-grade does not start Postgres again
 * (src/workbook/testing/pglite-host.ts; it does nothing outside watch mode).
 * Worker threads reach it over BroadcastChannels, forks through its socket;
 * the two projects of a target share one host.
 */
const withPgliteHost = (p: TestProjectInlineConfiguration): TestProjectInlineConfiguration => ({
  ...p,
  test: { ...p.test, globalSetup: [resolve(root, 'src/workbook/testing/pglite-host.ts')] },
});

/**
 * `list` is the manifest's exercises; a runtime test passes its own to see
 * how dated exercises are placed.
 */
export function projectsFor(target: string, list: readonly Exercise[] = exercises): TestProjectInlineConfiguration[] {
  if (target === 'exercises') return splitByPool(target, list, aliasTo(target, substitutes()), withPgliteHost);
  if (target === 'solutions') return splitByPool(target, list, aliasTo(target), withPgliteHost);
  if (target !== 'verify') throw new Error(`WORKBOOK_TARGET must be exercises, solutions or verify, not ${target}`);
  // verify looks these three up by name (src/verify/checks/graders.ts): one project each, in forks
  // as soon as one of its graders needs them; the wrong variants, one file each, fork only for dates.
  const whole = (p: TestProjectInlineConfiguration, of: readonly Exercise[]) => (needForks(of) ? forks(p) : p);
  const dbList = list.filter((e) => e.engine !== null);
  return [
    ...ownTests(),
    whole(project('solutions', graders(list), aliasTo('solutions')), list),
    whole(project('solutions@pglite', graders(dbList), aliasTo('solutions'), { WORKBOOK_DB: 'pglite' }), dbList),
    whole(project('starters', graders(list), aliasTo('exercises')), list),
    ...list.flatMap((e) =>
      wrongVariants(e).map((v) =>
        whole(project(`wrong:${e.name}.${v.name}`, [paths.grader(e)], aliasTo('solutions', { [paths.specifier(e)]: v.file })), [e]),
      ),
    ),
  ];
}
