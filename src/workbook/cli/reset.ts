/**
 * `npm run reset <exercise>` — puts the starter back (every file of it,
 * from the committed manifest, in the checkout's line endings), after
 * copying the learner's current files to .workbook/backups/ so no work is
 * ever lost. The progress history (attempts, hints, first solve) stays:
 * it happened. The exercise is "not started" again until it is changed.
 */
import { relative } from 'node:path';
import { CannotReset, restoreStarter } from '../restore-starter.ts';
import { openState } from '../state.ts';
import { pickExercise } from './pick.ts';
import { cyan, dim, red } from './style.ts';

// pickExercise matches names as `npm test -- GREET` does (any case, unique part of a name).
const exercise = pickExercise(process.argv[2], 'reset');
let restored;
try {
  restored = restoreStarter(exercise);
} catch (error) {
  if (!(error instanceof CannotReset)) throw error;
  console.error(red(`Cannot reset ${exercise.name}: ${error.message}`));
  process.exit(1);
}
if (restored.backups === null) {
  console.log(`${cyan(exercise.name)} is already its starter; nothing was changed.`);
} else {
  const store = openState();
  delete store.state.exercises[exercise.name]?.solvedAt;
  store.save();
  console.log(`Restored ${restored.written.map((f) => cyan(f)).join(', ')} to the starter.`);
  if (restored.movedAway.length) console.log(`Moved ${restored.movedAway.map((f) => cyan(f)).join(', ')} (not part of the starter) to the backup.`);
  console.log(`Your previous version is kept in ${cyan(relative(process.cwd(), restored.backups))}/.`);
  console.log(dim('Your attempts, hints and first solve stay in the progress report; the exercise shows as not started until you change it.'));
}
