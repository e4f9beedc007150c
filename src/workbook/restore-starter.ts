/**
 * Puts an exercise's starter back for `npm run reset`: from the committed
 * manifest, never from git (a zip download has no history, and
 * `origin/HEAD` may be the learner's own pushed work). Every file of the
 * exercise is copied to .workbook/backups/ first, so no work is lost; a
 * file the starter does not have is moved there, so that afterwards the
 * exercise is exactly its starter.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Exercise } from '../curriculum.ts';
import { currentFiles, MANIFEST_PATH, normalise, pristineStarter } from './starters.ts';
import { locationProblem, stateDir } from './state.ts';

export interface Restored {
  /** Starter files written back. */
  written: string[];
  /** Files that were not part of the starter, now only in the backup. */
  movedAway: string[];
  /** Where the learner's files went; null when they already were the starter. */
  backups: string | null;
}

/** Why the starter cannot be restored; nothing has been changed when this is thrown. */
export class CannotReset extends Error {}

const hasCrlf = (file: string) => {
  try {
    return readFileSync(file, 'utf8').includes('\r\n');
  } catch {
    return false;
  }
};

/**
 * The line endings of the learner's checkout: the file's own, else its
 * chapter's (a CRLF checkout converts every file), else LF as committed.
 */
function lineEnding(root: string, path: string): '\n' | '\r\n' {
  const file = join(root, path);
  if (existsSync(file)) return hasCrlf(file) ? '\r\n' : '\n';
  const dir = dirname(file);
  const siblings = existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
  return siblings.some(hasCrlf) ? '\r\n' : '\n';
}

export function restoreStarter(exercise: Exercise, root = process.cwd(), now = new Date()): Restored {
  const starter = pristineStarter(exercise);
  if (!starter || starter.length === 0) {
    throw new CannotReset(`${MANIFEST_PATH} has no starter for ${exercise.name}; nothing was changed.`);
  }
  const current = currentFiles(exercise, root);
  const wanted = new Map(starter.map((f) => [f.path, f]));
  const same = current.length === starter.length && current.every((f) => wanted.get(f.path)?.sha256 === f.sha256);
  if (same) return { written: [], movedAway: [], backups: null };

  const problem = locationProblem(root);
  if (problem) throw new CannotReset(`${problem} Nothing was changed: a reset first backs your files up in .workbook/backups/.`);
  const backups = join(stateDir(root), 'backups', `${exercise.name}.${now.toISOString().replace(/[:.]/g, '-')}`);
  try {
    mkdirSync(backups, { recursive: true });
    for (const f of current) copyFileSync(join(root, f.path), join(backups, basename(f.path)));
  } catch (error) {
    throw new CannotReset(`could not back up your files to ${backups} (${(error as Error).message}); nothing was changed.`);
  }
  const movedAway = current.filter((f) => !wanted.has(f.path)).map((f) => f.path);
  for (const path of movedAway) rmSync(join(root, path));
  const written: string[] = [];
  for (const f of starter) {
    const eol = lineEnding(root, f.path);
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), eol === '\n' ? f.text : normalise(f.text).replace(/\n/g, '\r\n'));
    written.push(f.path);
  }
  return { written, movedAway, backups };
}
