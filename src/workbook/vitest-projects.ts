/**
 * Builds the vitest projects for each audience. A grader imports the code
 * under test as `@exercise/<chapter>/<name>`; each project points that
 * alias somewhere else, which is how one grader judges a starter, a
 * reference solution and every known-wrong variant.
 */
import { resolve } from 'node:path';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { exercises, paths, type Exercise } from '../curriculum.ts';
import { wrongVariants } from './variants.ts';

const root = resolve(import.meta.dirname, '../..');

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
};

function aliasTo(dir: 'exercises' | 'solutions', overrides: Record<string, string> = {}) {
  return [
    ...Object.entries(overrides).map(([find, replacement]) => ({ find, replacement: resolve(root, replacement) })),
    { find: /^@exercise\/(.+)$/, replacement: `${resolve(root, dir)}/$1.ts` },
  ];
}

function project(name: string, include: string[], alias: ReturnType<typeof aliasTo>, env: Record<string, string> = {}): TestProjectInlineConfiguration {
  return {
    extends: false,
    resolve: { alias },
    test: { ...shared, name, root, include, env: { ...shared.env, ...env } },
  };
}

const graders = (list: readonly Exercise[]) => list.map(paths.grader);
const withDb = exercises.filter((e) => e.engine !== null);

/** Tests of the guide's own TypeScript snippets (content/**) and of the workbook runtime. */
const ownTests = () => [
  project('snippets', ['test/snippets/**/*.test.ts'], aliasTo('solutions')),
  project('runtime', ['test/runtime/**/*.test.ts'], aliasTo('solutions')),
];

export function projectsFor(target: string): TestProjectInlineConfiguration[] {
  if (target === 'exercises' || target === 'solutions') {
    return [project(target, graders(exercises), aliasTo(target))];
  }
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
