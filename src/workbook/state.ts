/**
 * The learner's local progress: hints revealed, attempts, first and last
 * grading time. Kept in .workbook/ (git-ignored); nothing leaves the machine.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ExerciseState {
  hintsShown: number;
  attempts: number;
  solvedAt?: string;
}

export interface WorkbookState {
  firstRunAt?: string;
  lastRunAt?: string;
  exercises: Record<string, ExerciseState>;
}

export const stateDir = (root = process.cwd()) => join(root, '.workbook');
const stateFile = (root: string) => join(stateDir(root), 'state.json');

export function loadState(root = process.cwd()): WorkbookState {
  try {
    const parsed = JSON.parse(readFileSync(stateFile(root), 'utf8')) as WorkbookState;
    return { ...parsed, exercises: parsed.exercises ?? {} };
  } catch {
    return { exercises: {} };
  }
}

export function saveState(state: WorkbookState, root = process.cwd()) {
  mkdirSync(dirname(stateFile(root)), { recursive: true });
  writeFileSync(stateFile(root), JSON.stringify(state, null, 2) + '\n');
}

export function exerciseState(state: WorkbookState, name: string): ExerciseState {
  return (state.exercises[name] ??= { hintsShown: 0, attempts: 0 });
}
