/**
 * `npm run hint <exercise>` — reveals the next hint (they go from a nudge to
 * nearly the answer); `--all` shows every hint revealed so far plus the next.
 */
import { paths } from '../../curriculum.ts';
import { exerciseState, loadState, saveState } from '../state.ts';
import { pickExercise } from './pick.ts';
import { bold, cyan, dim } from './style.ts';

const [name, flag] = process.argv.slice(2);
const exercise = pickExercise(name, 'hint');
const state = loadState();
const progress = exerciseState(state, exercise.name);
const count = Math.min(progress.hintsShown + 1, exercise.hints.length);
progress.hintsShown = count;
saveState(state);

console.log(`${bold(exercise.title)} ${dim(`(${paths.starter(exercise)})`)}\n`);
const shown = flag === '--all' ? exercise.hints.slice(0, count) : [exercise.hints[count - 1]!];
const first = flag === '--all' ? 1 : count;
shown.forEach((hint, i) => console.log(`${bold(`Hint ${first + i} of ${exercise.hints.length}:`)} ${hint}\n`));
console.log(
  count < exercise.hints.length
    ? dim(`Run it again for the next hint, or add --all to see hints 1–${count} again.`)
    : dim('That was the last hint. The chapter page explains the idea in full; ') + cyan(`npm test -- ${exercise.name}`),
);
