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

/** The target of issue 12: below this a grader misses too much. */
export const MIN_SCORE = 90;

export function checkMutants(report: Report, root = process.cwd()) {
  for (const exercise of exercises) {
    const state = freshness(exercise, root);
    if (state.state !== 'current') {
      report.add(`mutants: ${exercise.name}'s report is current`, false, state.problem);
      continue;
    }
    const { score, survivors } = state.report;
    // A survivor is acceptable only with a written reason no test can kill it.
    const unexplained = survivors.filter((s) => s.equivalent === null);
    const ok = score >= MIN_SCORE && unexplained.length === 0;
    const problems = [
      score < MIN_SCORE ? `score ${score}% is below ${MIN_SCORE}%: kill survivors with new tests` : '',
      ...unexplained.map((s) => `${s.file}:${s.line}:${s.column} ${s.mutator} survived with no reason: kill it with a test or explain it in "equivalent"`),
    ].filter(Boolean);
    report.add(`mutants: ${exercise.name}'s report is current, scores ≥ ${MIN_SCORE}% and explains every survivor`, ok, ok ? `score ${score}%, ${survivors.length} survivor(s), all explained` : problems.join('\n'));
  }
}
