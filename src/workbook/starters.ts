/**
 * The pristine starter of an exercise, read from git: learners edit
 * exercises/ in place, so the working tree cannot tell us what the starter
 * was. `origin/HEAD` survives a learner committing their own work; a repo
 * with no remote falls back to HEAD.
 *
 * An exercise may span several files: `<name>.ts` plus companions named
 * `<name>.<something>` (a `.sql` file and the typed functions generated
 * from it, for instance). Reset and "not started" treat them as one unit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { paths, type Exercise } from '../curriculum.ts';

const REFS = ['origin/HEAD', 'HEAD'];

function git(args: string[], root: string): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** Whether `file` (a base name) belongs to exercise `name`. */
export const belongsTo = (name: string, file: string) => file === `${name}.ts` || file.startsWith(`${name}.`);

export interface StarterFile {
  /** repository-relative path under exercises/ */
  path: string;
  text: string;
}

/** Every file of the exercise's starter as committed, or null when git history cannot say. */
export function pristineStarter(exercise: Exercise, root = process.cwd()): StarterFile[] | null {
  const dir = dirname(paths.starter(exercise));
  for (const ref of REFS) {
    const listing = git(['ls-tree', '--name-only', `${ref}:${dir}`], root);
    if (listing === null) continue;
    const names = listing.split('\n').filter((f) => f && belongsTo(exercise.name, f));
    const files = names.map((f) => ({ path: `${dir}/${f}`, text: git(['show', `${ref}:${dir}/${f}`], root) }));
    if (files.length === 0 || files.some((f) => f.text === null)) continue;
    return files as StarterFile[];
  }
  return null;
}

// Starters in git history do not change while a process runs; watch mode
// asks after every save, so each is read from git once.
const starters = new Map<string, StarterFile[] | null>();

/** True when every file of the exercise is byte-for-byte its starter; false when history cannot say. */
export function isUntouched(exercise: Exercise, root = process.cwd()): boolean {
  const key = `${root}:${exercise.name}`;
  if (!starters.has(key)) starters.set(key, pristineStarter(exercise, root));
  const files = starters.get(key)!;
  if (files === null) return false;
  return files.every((f) => {
    try {
      return readFileSync(`${root}/${f.path}`, 'utf8') === f.text;
    } catch {
      return false;
    }
  });
}

/** The reference's files, main module first. */
export function solutionFiles(exercise: Exercise, list: (dir: string) => string[]): string[] {
  const main = paths.solution(exercise);
  const dir = dirname(main);
  const companions = list(dir).filter((f) => belongsTo(exercise.name, f) && f !== basename(main));
  return [main, ...companions.sort().map((f) => `${dir}/${f}`)];
}
