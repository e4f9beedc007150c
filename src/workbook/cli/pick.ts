/**
 * Resolves the one exercise a command is about (hint, solution, reset), the
 * same way `npm test` selects: exact name, any case, a chapter with a single
 * exercise, or part of a name that only one exercise has. Otherwise it says
 * what exists, or which name was probably meant, and stops.
 */
import type { Exercise } from '../../curriculum.ts';
import { pickOne } from './select.ts';

export function pickExercise(name: string | undefined, command: string): Exercise {
  const picked = pickOne(name, command);
  if (picked.exercise) return picked.exercise;
  console.error(picked.problem);
  process.exit(2);
}
