/** Turns raw per-file results (tests, type check, stopped files) into one status per exercise. */
import { paths, type Exercise } from '../../curriculum.ts';
import type { FailureDetail } from './events.ts';
import type { ModuleResult, RunResult } from './run-vitest.ts';
import type { TypeCheckResult, TypeProblem } from './typecheck.ts';

export type Status =
  | 'solved'
  | 'failing'
  | 'not started'
  /** The file does not load: a syntax error, a failed import. */
  | 'error'
  /** The tests may pass, but tsc rejects the learner's own files: not solved (as rustlings treats a compile error). */
  | 'does not type-check'
  /** The learner's code hung: a loop, or an await that never settles. */
  | 'timeout'
  /** The worker running the learner's code died: out of memory, or a crash. */
  | 'crashed'
  /** exercises/<chapter>/<name>.ts is not there; nothing was run. */
  | 'file missing'
  /** The run never reached this exercise; `reason` says why when known. */
  | 'not graded';

/** Why the runner stopped a file (run-vitest's watchdog and worker monitoring). */
export type StopReason = 'loop' | 'never-settles' | 'out-of-memory' | 'crash';

/** Statuses that carry a real verdict on the learner's code (recorded as progress, counted as graded). */
export const GRADED: ReadonlySet<Status> = new Set(['solved', 'failing', 'not started', 'error', 'does not type-check', 'timeout', 'crashed']);

export interface ExerciseReport {
  exercise: Exercise;
  status: Status;
  passed: number;
  total: number;
  /** The first thing to fix: a module error, a stopped file, or the first failing test. */
  firstFailure?: { test: string; detail: FailureDetail };
  /** The first type error in the exercise's own files, shown before any test failure. */
  typeProblem?: TypeProblem;
  /** How many type errors the exercise's own files have. */
  typeProblems?: number;
  /** What the learner's code printed (console.log …) while graded, as captured and capped by the runner. */
  logs?: string;
  /** Set when the runner stopped the file. */
  stopped?: StopReason;
  /** For 'file missing' and 'not graded': why, in one sentence. */
  reason?: string;
}

// Fields the runner adds (captured output; why a file was stopped). Optional
// here so this module reads results from runners that do not report them.
type Stopped = RunResult['timedOut'][number] & { reason?: StopReason; detail?: string; logs?: string };
type Module = ModuleResult & { logs?: string };

export function report(exercise: Exercise, run: RunResult, untouched: boolean, types?: TypeCheckResult): ExerciseReport {
  const file = paths.grader(exercise);
  const stopped = (run.timedOut as Stopped[]).find((t) => t.file === file);
  if (stopped) return stoppedReport(exercise, stopped.reason ?? 'loop', stopped.detail, stopped.logs);
  const module = (run.modules as Module[]).find((m) => m.file === file);
  if (!module) return { exercise, status: 'not graded', passed: 0, total: 0, reason: `vitest never reported on ${file}` };

  const total = module.tests.length;
  const passed = module.tests.filter((t) => t.state === 'passed').length;
  const logs = module.logs?.trim() ? module.logs : undefined;
  const typeProblem = types && !types.ok ? types.problems[0] : undefined;
  const typeFields = typeProblem ? { typeProblem, typeProblems: types!.problems.length } : {};
  const moduleError = module.moduleErrors[0];
  if (moduleError) {
    return { exercise, status: untouched ? 'not started' : 'error', passed, total, logs, firstFailure: { test: '(loading the exercise)', detail: moduleError } };
  }
  const failed = module.tests.find((t) => t.state === 'failed');
  const firstFailure = failed?.failure ? { test: failed.name, detail: failed.failure } : undefined;
  // passed === total, not just "nothing failed": a test skipped for any reason never counts as solved.
  if (!failed && total > 0 && passed === total && !typeProblem) return { exercise, status: 'solved', passed, total, logs };
  if (untouched) return { exercise, status: 'not started', passed, total, logs, firstFailure };
  if (typeProblem) return { exercise, status: 'does not type-check', passed, total, logs, firstFailure, ...typeFields };
  return { exercise, status: 'failing', passed, total, logs, firstFailure };
}

const STOPPED: Record<StopReason, string> = {
  loop: 'Your code never gave control back, so grading stopped: look for a loop that never ends (while/for without an exit, or endless recursion).',
  'never-settles': 'Your code awaits something that never settles: a promise that is never resolved or rejected (a missing resolve() or return, a callback that is never called).',
  'out-of-memory': 'Your code ran out of memory: look for something that grows forever, e.g. an array or string appended to in a loop that never ends.',
  crash: 'The worker running your code died before its tests finished (process.exit() in your file, for example).',
};

function stoppedReport(exercise: Exercise, reason: StopReason, detail?: string, logs?: string): ExerciseReport {
  const status = reason === 'loop' || reason === 'never-settles' ? 'timeout' : 'crashed';
  // The runner's detail is the evidence ("its code ran for 20 s without ever yielding …"), in its own words.
  const message = detail ? `${STOPPED[reason]}\nWhat was seen: ${detail.replace(/\.$/, '')}.` : STOPPED[reason];
  return {
    exercise, status, passed: 0, total: 0, stopped: reason,
    // What it printed before it was stopped: often the best clue to where it hung.
    logs: logs?.trim() ? logs : undefined,
    firstFailure: { test: '(the whole file)', detail: { message, location: paths.starter(exercise) } },
  };
}

/** An exercise whose main file is gone: reported without running anything (vitest would only say "Cannot find package '@exercise/…'"). */
export function missingFileReport(exercise: Exercise): ExerciseReport {
  return {
    exercise, status: 'file missing', passed: 0, total: 0,
    reason: `${paths.starter(exercise)} is missing (deleted or renamed?). Rename it back, or get the starter again with: npm run reset ${exercise.name}`,
  };
}
