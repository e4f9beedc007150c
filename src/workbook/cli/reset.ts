/**
 * `npm run reset <exercise>` — puts the starter back (every file of it),
 * after copying the learner's current files to .workbook/backups/ so no
 * work is ever lost.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pristineStarter } from '../starters.ts';
import { exerciseState, loadState, saveState, stateDir } from '../state.ts';
import { pickExercise } from './pick.ts';
import { cyan, red } from './style.ts';

const exercise = pickExercise(process.argv[2], 'reset');
const files = pristineStarter(exercise);
if (files === null) {
  console.error(red('Cannot find the original starter in git history (is this a git clone?). Nothing was changed.'));
  process.exit(1);
}
const backups = join(stateDir(), 'backups', `${exercise.name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(backups, { recursive: true });
for (const file of files) {
  if (existsSync(file.path)) copyFileSync(file.path, join(backups, basename(file.path)));
  writeFileSync(file.path, file.text);
}
const state = loadState();
delete exerciseState(state, exercise.name).solvedAt;
saveState(state);
console.log(`Restored ${files.map((f) => cyan(f.path)).join(', ')} to the starter.\nYour previous version is kept in ${cyan(backups)}/.`);
