/**
 * What `npm test` exits with. A green exit must mean something was graded:
 * a team that puts `npm test -- --strict` in CI relies on it.
 *   0  every selected exercise was graded (and, with --strict, solved)
 *   1  something was not graded, or --strict and something is not solved
 *   2  nothing could be graded at all (a usage error, vitest failed to start)
 */
import { GRADED, type ExerciseReport } from '../grading/status.ts';

export interface ExitDecision {
  code: 0 | 1;
  /** One sentence for the learner when the code is not 0. */
  reason?: string;
}

export interface ExitInputs {
  strict: boolean;
  /** Set when tsc could not run: "solved" then means only that the tests pass. */
  typecheckFailed?: string;
}

export function decideExit(reports: readonly ExerciseReport[], { strict, typecheckFailed }: ExitInputs): ExitDecision {
  const ungraded = reports.filter((r) => !GRADED.has(r.status));
  if (reports.length === 0) return { code: 1, reason: 'Nothing was graded.' };
  if (ungraded.length > 0) {
    const which = listed(ungraded);
    return { code: 1, reason: `${ungraded.length} of ${reports.length} selected exercises ${ungraded.length === 1 ? 'was' : 'were'} not graded: ${which}.` };
  }
  if (!strict) return { code: 0 };
  if (typecheckFailed) return { code: 1, reason: `--strict: the type check could not run, so no exercise counts as solved (${typecheckFailed}).` };
  const unsolved = reports.filter((r) => r.status !== 'solved');
  if (unsolved.length === 0) return { code: 0 };
  const which = listed(unsolved);
  return { code: 1, reason: `--strict: ${unsolved.length} of ${reports.length} selected exercises ${unsolved.length === 1 ? 'is' : 'are'} not solved: ${which}.` };
}

/** The first few, so the reason stays one line: `greet (failing), router (not started) and 19 more`. */
function listed(reports: readonly ExerciseReport[], max = 4): string {
  const named = reports.slice(0, max).map((r) => `${r.exercise.name} (${r.status})`);
  return reports.length > max ? `${named.join(', ')} and ${reports.length - max} more` : named.join(', ');
}
