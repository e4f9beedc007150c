/**
 * Is an exercise's committed mutation report still about the files it
 * would test today? The full mutation run takes a quarter of an hour, so
 * verify does not repeat it: it recomputes the fingerprint (milliseconds)
 * and compares it with the one the report was made from.
 */
import { paths, type Exercise } from '../curriculum.ts';
import { fingerprint } from './inputs.ts';
import { commandFor, readReport, reportPath, type MutationReport } from './report.ts';

export type Freshness =
  | { state: 'current'; report: MutationReport }
  | { state: 'missing' | 'stale' | 'unreadable'; problem: string };

export function freshness(exercise: Exercise, root: string): Freshness {
  const file = reportPath(exercise);
  const rerun = `run ${commandFor(exercise.name)} and commit ${file}`;
  let report: MutationReport | undefined;
  try {
    report = readReport(root, exercise);
  } catch (error) {
    return { state: 'unreadable', problem: `${file} is not a mutation report (${firstLine(error)}): ${rerun}` };
  }
  if (!report) return { state: 'missing', problem: `${exercise.name} has no mutation report (${file}): ${rerun}` };
  const now = fingerprint({ grader: paths.grader(exercise), reference: paths.solution(exercise), engine: exercise.engine }, root);
  if (now.hash === report.hash) return { state: 'current', report };
  return { state: 'stale', problem: `${file} is stale: ${describeChanges(report.inputs, now.inputs)} since it was made; ${rerun}` };
}

/** "changed test/…/greet.test.ts; new src/…/http.ts", at most five names. */
export function describeChanges(before: Record<string, string>, after: Record<string, string>): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes = names.flatMap((name) => {
    if (!(name in before)) return [`new input ${name}`];
    if (!(name in after)) return [`${name} no longer an input`];
    return before[name] === after[name] ? [] : [`changed ${name}`];
  });
  if (changes.length === 0) return 'its hash does not match its inputs (edited by hand?)';
  return changes.length <= 5 ? changes.join('; ') : `${changes.slice(0, 5).join('; ')} and ${changes.length - 5} more`;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];
