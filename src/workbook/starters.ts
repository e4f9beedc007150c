/**
 * The pristine starter of an exercise, read from git: learners edit
 * exercises/ in place, so the working tree cannot tell us what the starter
 * was. `origin/HEAD` survives a learner committing their own work; a repo
 * with no remote falls back to HEAD.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { paths, type Exercise } from '../curriculum.ts';

const REFS = ['origin/HEAD', 'HEAD'];

export function pristineStarter(exercise: Exercise, root = process.cwd()): string | null {
  for (const ref of REFS) {
    try {
      return execFileSync('git', ['show', `${ref}:${paths.starter(exercise)}`], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      // try the next ref
    }
  }
  return null;
}

// Starters in git history do not change while a process runs; watch mode
// asks after every save, so each is read from git once.
const starters = new Map<string, string | null>();

/** True when the learner's file is byte-for-byte the starter; false when history cannot say. */
export function isUntouched(exercise: Exercise, root = process.cwd()): boolean {
  const key = `${root}:${paths.starter(exercise)}`;
  if (!starters.has(key)) starters.set(key, pristineStarter(exercise, root));
  const starter = starters.get(key)!;
  if (starter === null) return false;
  try {
    return readFileSync(`${root}/${paths.starter(exercise)}`, 'utf8') === starter;
  } catch {
    return false;
  }
}
