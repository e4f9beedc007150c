/**
 * `npm run reset <exercise>` — puts the starter back, after copying the
 * learner's current file to .workbook/backups/ so no work is ever lost.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../curriculum.ts';
import { pristineStarter } from '../starters.ts';
import { exerciseState, loadState, saveState, stateDir } from '../state.ts';
import { pickExercise } from './pick.ts';
import { cyan, red } from './style.ts';

const exercise = pickExercise(process.argv[2], 'reset');
const starter = pristineStarter(exercise);
if (starter === null) {
  console.error(red('Cannot find the original starter in git history (is this a git clone?). Nothing was changed.'));
  process.exit(1);
}
const file = paths.starter(exercise);
const backups = join(stateDir(), 'backups');
mkdirSync(backups, { recursive: true });
const backup = join(backups, `${exercise.name}.${new Date().toISOString().replace(/[:.]/g, '-')}.ts`);
copyFileSync(file, backup);
writeFileSync(file, starter);
const state = loadState();
delete exerciseState(state, exercise.name).solvedAt;
saveState(state);
console.log(`Restored ${cyan(file)} to its starter.\nYour previous version is kept at ${cyan(backup)}.`);
