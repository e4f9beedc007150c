/** Turns raw per-file results into one status per exercise. */
import { paths, type Exercise } from '../../curriculum.ts';
import type { FailureDetail } from './events.ts';
import type { RunResult } from './run-vitest.ts';

/** A test file that finishes no test for this long is assumed stuck in a loop. */
export const MODULE_TIMEOUT_MS = 15_000;

export type Status = 'solved' | 'failing' | 'not started' | 'error' | 'timeout' | 'not graded';

export interface ExerciseReport {
  exercise: Exercise;
  status: Status;
  passed: number;
  total: number;
  /** The first thing to fix: a module error, a timeout, or the first failing test. */
  firstFailure?: { test: string; detail: FailureDetail };
}

export function report(exercise: Exercise, run: RunResult, untouched: boolean): ExerciseReport {
  const file = paths.grader(exercise);
  if (run.timedOut.some((t) => t.file === file)) {
    return {
      exercise, status: 'timeout', passed: 0, total: 0,
      firstFailure: {
        test: '(the whole file)',
        detail: { message: `Grading stopped after ${MODULE_TIMEOUT_MS / 1000} s without a test finishing: look for a loop that never ends (while/for without an exit, or endless recursion).`, location: paths.starter(exercise) },
      },
    };
  }
  const module = run.modules.find((m) => m.file === file);
  if (!module) return { exercise, status: 'not graded', passed: 0, total: 0 };

  const total = module.tests.length;
  const passed = module.tests.filter((t) => t.state === 'passed').length;
  const moduleError = module.moduleErrors[0];
  if (moduleError) {
    return { exercise, status: untouched ? 'not started' : 'error', passed, total, firstFailure: { test: '(loading the exercise)', detail: moduleError } };
  }
  const failed = module.tests.find((t) => t.state === 'failed');
  if (!failed && total > 0) return { exercise, status: 'solved', passed, total };
  return {
    exercise,
    status: untouched ? 'not started' : 'failing',
    passed,
    total,
    firstFailure: failed?.failure ? { test: failed.name, detail: failed.failure } : undefined,
  };
}
