/**
 * Mutation reports (npm run mutants) are committed, so they must still be
 * about today's graders and references: each exercise's report records a
 * hash of the files that decide its result, and a changed grader,
 * reference or fixture makes it stale. The check recomputes the hashes
 * only (milliseconds); the mutation run itself takes a quarter of an hour
 * and is not repeated here. One line per exercise, naming the command that
 * brings a stale report up to date.
 */
import { exercises } from '../../curriculum.ts';
import { freshness } from '../../mutants/stale.ts';
import type { Report } from '../report.ts';

/**
 * Reports are being generated exercise by exercise (issue 12). Until every
 * exercise has one, a missing report is listed but does not fail verify;
 * set this to true once all of them are committed.
 */
export const MISSING_REPORTS_FAIL = false;

export function checkMutants(report: Report, root = process.cwd(), missingFails = MISSING_REPORTS_FAIL) {
  const missing: string[] = [];
  for (const exercise of exercises) {
    const state = freshness(exercise, root);
    if (state.state === 'missing' && !missingFails) {
      missing.push(exercise.name);
      continue;
    }
    if (state.state === 'current') {
      const { score, survivors } = state.report;
      const unexplained = survivors.filter((s) => s.equivalent === null).length;
      report.add(`mutants: ${exercise.name}'s report is current`, true, `score ${score}%, ${survivors.length} survivor(s), ${unexplained} unexplained`);
    } else {
      report.add(`mutants: ${exercise.name}'s report is current`, false, state.problem);
    }
  }
  if (missing.length > 0) {
    report.add(`mutants: ${missing.length} exercise(s) have no report yet, not required until all are generated`, true, `${missing.join(', ')}: npm run mutants <exercise>`);
  }
}
