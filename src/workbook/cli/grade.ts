/**
 * `npm test` — grade the learner's exercises.
 *   npm test                        every exercise
 *   npm test -- 02                  one chapter (number or slug)
 *   npm test -- greet router        these exercises (any case)
 *   npm test -- --db=pglite         grade on real Postgres (PGlite) throughout
 *   npm test -- --strict            exit 1 unless every selected exercise is graded and solved (CI)
 *
 * The tests and the type check run at the same time; an exercise is solved
 * only when both pass. Exit codes: see exit-code.ts — never 0 when
 * something selected was not graded.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../../curriculum.ts';
import { runVitest, type RunResult } from '../grading/run-vitest.ts';
import { missingFileReport, report, type ExerciseReport } from '../grading/status.ts';
import { isUntouched } from '../starters.ts';
import { recordRun } from '../progress.ts';
import { parseArgs, UsageError, type GradeArgs } from './args.ts';
import { decideExit } from './exit-code.ts';
import { renderProgress } from './render.ts';
import { selectExercises } from './select.ts';
import { dim, red, yellow } from './style.ts';
import { checkTypes } from './types.ts';

export async function grade(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ reports: ExerciseReport[]; exitCode: number }> {
  let args: GradeArgs;
  try {
    args = parseArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(red(error.message));
    return { reports: [], exitCode: 2 };
  }
  for (const note of args.notes) console.error(yellow(note));
  const selection = selectExercises(args.queries);
  if (selection.problem !== undefined) {
    console.error(selection.problem);
    return { reports: [], exitCode: 2 };
  }
  const selected = selection.exercises;
  // A deleted or renamed file is named as such; vitest would only say "Cannot find package '@exercise/…'".
  const present = selected.filter((e) => existsSync(paths.starter(e)));

  const started = Date.now();
  const nothing: RunResult = { modules: [], timedOut: [] };
  const [run, types] = await Promise.all([
    present.length === 0
      ? nothing
      : runVitest({
          target: 'exercises',
          files: present.map(paths.grader),
          env: args.db ? { WORKBOOK_DB: args.db } : {},
          resumeAfterTimeout: true,
        }),
    checkTypes(present),
  ]);
  if (run.crash) {
    console.error(red('The grader itself failed to start, so nothing was graded or recorded. Its output:\n') + run.crash);
    return { reports: [], exitCode: 2 };
  }
  const reports = selected.map((e) => (present.includes(e) ? report(e, run, isUntouched(e), types.results.get(e.name)) : missingFileReport(e)));
  const decision = decideExit(reports, { strict: args.strict, typecheckFailed: types.failed });
  // Decided before printing: if the output is piped to `head` and cut short, the exit code is already right.
  process.exitCode = decision.code;
  console.log(renderProgress(reports, recordRun(reports)));
  if (types.failed) console.error(yellow(`\n  The type check could not run (${types.failed}); "solved" above means the tests pass.`));
  const typeTime = types.ms === undefined ? '' : ` (type check ${(types.ms / 1000).toFixed(1)} s, alongside)`;
  console.log(dim(`\n  graded in ${((Date.now() - started) / 1000).toFixed(1)} s${typeTime}${args.db ? ` on ${args.db}` : ''}`));
  if (decision.reason) console.error(red(`\n  ${decision.reason}`));
  return { reports, exitCode: decision.code };
}

// `import.meta.main` appeared in Node 22.18 / 24.2; without the fallback an
// older Node would import this file, grade nothing and exit 0.
const isMain = import.meta.main ?? (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isMain) {
  const { exitCode } = await grade(process.argv.slice(2));
  process.exitCode = exitCode;
}
