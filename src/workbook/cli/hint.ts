/**
 * `npm run hint <exercise>` — reveals the next hint (they go from a nudge to
 * nearly the answer) and counts it in the progress report, once per level.
 * `npm run hint -- <exercise> --all` shows again every hint revealed so far
 * and reveals nothing new.
 */
import { paths } from '../../curriculum.ts';
import { hintFooter, hintView } from '../hints.ts';
import { exerciseState, openState } from '../state.ts';
import { pickExercise } from './pick.ts';
import { bold, cyan, dim } from './style.ts';

const argv = process.argv.slice(2).filter((a) => a !== '--');
// Without `--`, npm keeps `--all` for itself and passes it on as npm_config_all.
const all = argv.includes('--all') || process.env.npm_config_all === 'true';
const unknown = argv.find((a) => a.startsWith('-') && a !== '--all');
if (unknown) {
  console.error(`Unknown option ${unknown}. Usage: npm run hint <exercise>   or   npm run hint -- <exercise> --all`);
  process.exit(2);
}
// pickExercise matches names as `npm test -- GREET` does (any case, unique part of a name).
const exercise = pickExercise(argv.find((a) => !a.startsWith('-')), 'hint');
const store = openState();
const progress = exerciseState(store.state, exercise.name);
const view = hintView(progress.hintsShown, exercise.hints.length, all);

console.log(`${bold(exercise.title)} ${dim(`(${paths.starter(exercise)})`)}\n`);
for (const level of view.levels) console.log(`${bold(`Hint ${level} of ${exercise.hints.length}:`)} ${exercise.hints[level - 1]}\n`);
console.log(hintFooter(exercise.name, view, exercise.hints.length, all).split('`').map((part, i) => (i % 2 ? cyan(part) : dim(part))).join(''));

if (view.revealed > progress.hintsShown) {
  progress.hintsShown = view.revealed;
  store.save();
}
