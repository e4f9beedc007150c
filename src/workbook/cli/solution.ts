/**
 * `npm run solution <exercise>` — shows the reference answer, but only once
 * the learner's own version passes, tests and type check alike: comparing
 * is the lesson, copying is not. The exercise is graded fresh, never
 * trusted from a cache.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { paths } from '../../curriculum.ts';
import { runVitest } from '../grading/run-vitest.ts';
import { missingFileReport, report } from '../grading/status.ts';
import { solutionFiles } from '../starters.ts';
import { engineFromEnvironment, UsageError } from './args.ts';
import { pickExercise } from './pick.ts';
import { renderProblem } from './render.ts';
import { bold, cyan, dim, red, yellow } from './style.ts';
import { checkTypes } from './types.ts';

const exercise = pickExercise(process.argv[2], 'solution');
try {
  engineFromEnvironment();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(red(error.message));
  process.exit(2);
}
const result = existsSync(paths.starter(exercise))
  ? await (async () => {
      const [run, types] = await Promise.all([
        runVitest({ target: 'exercises', files: [paths.grader(exercise)] }),
        checkTypes([exercise]),
      ]);
      return report(exercise, run, false, types.results.get(exercise.name));
    })()
  : missingFileReport(exercise);

if (result.status !== 'solved') {
  const tests = result.total ? ` (${result.passed}/${result.total} tests now)` : '';
  console.log(
    `${yellow('Not yet.')} The reference for ${bold(exercise.name)} unlocks when your version passes its tests and type-checks${tests}.`,
  );
  const problem = renderProblem(result);
  if (problem.length) console.log(['', ...problem].join('\n'));
  console.log(`\nRun ${cyan(`npm test -- ${exercise.name}`)} to grade it, or ${cyan(`npm run hint ${exercise.name}`)}.`);
  process.exitCode = 1;
} else {
  console.log(dim('One good answer; yours may differ and be just as right.\n'));
  for (const file of solutionFiles(exercise, (dir) => readdirSync(dir))) {
    console.log(dim(`// ${file}`));
    console.log(readFileSync(file, 'utf8'));
  }
}
