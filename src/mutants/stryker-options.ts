/**
 * The StrykerJS options for one exercise. Stryker runs inside a private
 * copy of the repository (workspace.ts), so every path here is relative to
 * that copy, and `inPlace` mutates the copy, never the real solutions/.
 *
 * Why these settings (measured; see src/mutants/README.md):
 * - `inPlace` in a throwaway copy instead of Stryker's own sandbox: the
 *   sandbox rewrites tsconfig.json through `require('typescript')`, which
 *   in TypeScript 7 has no compiler API; and an interrupted in-place run
 *   can only ever leave the copy mutated.
 * - no `testFiles`: it lets static mutants survive silently; the vitest
 *   config runs only the exercise's grader instead (MUTANTS_GRADER).
 * - `coverageAnalysis: 'perTest'`: each mutant runs only the tests that
 *   reach it; static mutants still run the whole grader.
 * - the TypeScript checker: a mutant that does not type-check is one a
 *   learner's `npm test` would reject before grading, so it is a compile
 *   error, not a survivor to explain.
 */
import { paths, type Exercise } from '../curriculum.ts';

export const JSON_REPORT = 'reports/mutation/mutation.json';
export const CHECKER_TSCONFIG = 'tsconfig.mutants.json';
export const VITEST_CONFIG = 'src/mutants/vitest.config.ts';

export interface RunSettings {
  /** Stryker's worker count for test runners and checkers alike. */
  concurrency: number;
  /** Absolute path of @stryker-mutator/typescript-checker (typescript-checker.ts). */
  checkerPlugin: string;
  /** Whether Stryker draws its progress bar (a terminal) or appends lines (a log). */
  interactive: boolean;
}

/** The reference's own files to mutate: the reference and what it imports from solutions/, generated queries aside. */
export function filesToMutate(exercise: Exercise, inputs: readonly string[]): string[] {
  const dir = `solutions/${exercise.chapter}/`;
  return inputs.filter((f) => f.startsWith(dir) && f.endsWith('.ts') && !f.endsWith('.queries.ts'));
}

export function strykerOptions(mutate: readonly string[], settings: RunSettings, exercise?: Pick<Exercise, 'dates'>) {
  return {
    mutate: [...mutate],
    testRunner: 'vitest',
    // Stryker's vitest runner forces worker threads unless told otherwise; a grader that moves the time
    // zone (dates: true) needs a process of its own, as in its forks project (src/workbook/vitest-projects.ts).
    vitest: { configFile: VITEST_CONFIG, related: false, ...(exercise?.dates ? { pool: 'forks' } : {}) },
    checkers: ['typescript'],
    tsconfigFile: CHECKER_TSCONFIG,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    plugins: ['@stryker-mutator/vitest-runner', settings.checkerPlugin],
    coverageAnalysis: 'perTest',
    inPlace: true,
    concurrency: settings.concurrency,
    reporters: ['json', settings.interactive ? 'progress' : 'progress-append-only'],
    jsonReporter: { fileName: JSON_REPORT },
    logLevel: 'warn',
    fileLogLevel: 'off',
    cleanTempDir: 'always',
    // A busy machine (PGlite, other jobs) slows honest runs; only a real hang should time out.
    timeoutMS: 10_000,
    thresholds: { high: 90, low: 80, break: null },
  };
}

/**
 * The TypeScript checker must start from a program without errors, and
 * only the reference and its grader matter, so it gets a tsconfig of its
 * own: the project's compiler options over just those two roots.
 */
export function checkerTsconfig(exercise: Exercise) {
  return {
    extends: './tsconfig.json',
    include: [paths.solution(exercise), paths.grader(exercise)],
  };
}
