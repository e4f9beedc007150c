/**
 * `npm test` — grade the learner's exercises.
 *   npm test                     every exercise
 *   npm test -- 02               one chapter (number or slug)
 *   npm test -- invoice-detail   one exercise
 *   npm test -- --db=pglite      grade on real Postgres (PGlite) throughout
 *   npm test -- --strict         exit 1 unless everything selected passes (CI)
 */
import { exercises, findExercises, paths } from '../../curriculum.ts';
import { runVitest } from '../grading/run-vitest.ts';
import { MODULE_TIMEOUT_MS, report, type ExerciseReport } from '../grading/status.ts';
import { isUntouched } from '../starters.ts';
import { recordRun } from '../progress.ts';
import { parseArgs } from './args.ts';
import { renderProgress } from './render.ts';
import { dim, red } from './style.ts';

export async function grade(argv: string[]): Promise<{ reports: ExerciseReport[]; exitCode: number }> {
  const args = parseArgs(argv);
  const selected = findExercises(args.query);
  if (selected.length === 0) {
    console.error(`No chapter or exercise matches "${args.query}". Exercises: ${exercises.map((e) => e.name).join(', ')}`);
    return { reports: [], exitCode: 2 };
  }
  const started = Date.now();
  const run = await runVitest({
    target: 'exercises',
    files: selected.map(paths.grader),
    env: args.db ? { WORKBOOK_DB: args.db } : {},
    moduleTimeoutMs: MODULE_TIMEOUT_MS,
    resumeAfterTimeout: true,
  });
  if (run.crash) {
    console.error(red('The grader itself failed to start. Its output:\n') + run.crash);
    return { reports: [], exitCode: 2 };
  }
  const reports = selected.map((e) => report(e, run, isUntouched(e)));
  console.log(renderProgress(reports, recordRun(reports)));
  console.log(dim(`\n  graded in ${((Date.now() - started) / 1000).toFixed(1)} s${args.db ? ` on ${args.db}` : ''}`));
  const allSolved = reports.every((r) => r.status === 'solved');
  return { reports, exitCode: args.strict && !allSolved ? 1 : 0 };
}

if (import.meta.main) {
  const { exitCode } = await grade(process.argv.slice(2));
  process.exitCode = exitCode;
}
