/**
 * `npm run solution <exercise>` — shows the reference answer, but only once
 * the learner's own version passes: comparing is the lesson, copying is not.
 * The exercise is graded fresh, never trusted from a cache.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { paths } from '../../curriculum.ts';
import { runVitest } from '../grading/run-vitest.ts';
import { MODULE_TIMEOUT_MS, report } from '../grading/status.ts';
import { solutionFiles } from '../starters.ts';
import { pickExercise } from './pick.ts';
import { bold, cyan, dim, yellow } from './style.ts';

const exercise = pickExercise(process.argv[2], 'solution');
const run = await runVitest({ target: 'exercises', files: [paths.grader(exercise)], moduleTimeoutMs: MODULE_TIMEOUT_MS });
const result = report(exercise, run, false);
if (result.status !== 'solved') {
  console.log(
    `${yellow('Not yet.')} The reference for ${bold(exercise.name)} unlocks when your version passes ` +
      `(${result.passed}/${result.total} tests now).\nRun ${cyan(`npm test -- ${exercise.name}`)} for the first failure, ` +
      `or ${cyan(`npm run hint ${exercise.name}`)}.`,
  );
  process.exitCode = 1;
} else {
  console.log(dim('One good answer; yours may differ and be just as right.\n'));
  for (const file of solutionFiles(exercise, (dir) => readdirSync(dir))) {
    console.log(dim(`// ${file}`));
    console.log(readFileSync(file, 'utf8'));
  }
}
