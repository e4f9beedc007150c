/**
 * The pristine starter of an exercise, and whether the learner's files are
 * still it. Learners edit exercises/ in place, so the working tree cannot
 * say what the starter was; git cannot be trusted to either (a zip download
 * has no history, and `origin/HEAD` may be the learner's own pushed work).
 * The starters as shipped live in a committed manifest,
 * pristine-starters.json, with line endings normalised to LF so a CRLF
 * checkout (Git for Windows) of an untouched starter is still untouched.
 *
 * An exercise may span several files: `<name>.ts` plus companions named
 * `<name>.<something>` (a `.sql` file and the typed functions generated
 * from it, for instance). Reset and "not started" treat them as one unit.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { paths, type Exercise } from '../curriculum.ts';

/** Repository-relative; see starters-manifest.ts for how it is written and checked. */
export const MANIFEST_PATH = 'src/workbook/pristine-starters.json';
const manifestUrl = new URL('./pristine-starters.json', import.meta.url);

/** Whether `file` (a base name) belongs to exercise `name`. */
export const belongsTo = (name: string, file: string) => file === `${name}.ts` || file.startsWith(`${name}.`);

/** Line endings as git stores them: a CRLF checkout and an LF one are the same text. */
export const normalise = (text: string) => text.replace(/\r\n/g, '\n');
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const StarterFile = z.strictObject({
  /** repository-relative path under exercises/ */
  path: z.string(),
  /** sha256 of `text` */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** the file as committed, LF line endings */
  text: z.string(),
});
export type StarterFile = z.infer<typeof StarterFile>;
export const StartersManifest = z.strictObject({
  comment: z.string(),
  exercises: z.record(z.string(), z.array(StarterFile)),
});
export type StartersManifest = z.infer<typeof StartersManifest>;

let manifest: StartersManifest | undefined;
function committedManifest(): StartersManifest {
  return (manifest ??= StartersManifest.parse(JSON.parse(readFileSync(manifestUrl, 'utf8'))));
}

/** Every file of the exercise's starter as shipped (LF line endings), or null when the manifest does not know it. */
export function pristineStarter(exercise: Exercise): StarterFile[] | null {
  return committedManifest().exercises[exercise.name] ?? null;
}

/** The exercise's files in the working tree now, by path, with their normalised hashes. */
export function currentFiles(exercise: Exercise, root = process.cwd()): { path: string; sha256: string }[] {
  const dir = dirname(paths.starter(exercise));
  let names: string[];
  try {
    names = readdirSync(join(root, dir)).filter((f) => belongsTo(exercise.name, f));
  } catch {
    return [];
  }
  return names.sort().flatMap((f) => {
    try {
      return [{ path: `${dir}/${f}`, sha256: sha256(normalise(readFileSync(join(root, dir, f), 'utf8'))) }];
    } catch {
      return []; // a directory with the exercise's name, or unreadable: not part of the code graded
    }
  });
}

/** One hash for a set of files: which files there are and what each holds. */
const fingerprint = (files: { path: string; sha256: string }[]) =>
  sha256([...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.path}\t${f.sha256}\n`).join(''));

export interface ExerciseFiles {
  /** Changes whenever any file of the exercise changes, appears or goes (line endings aside). */
  hash: string;
  /** Exactly the starter's files, each identical to the starter once line endings are normalised. */
  untouched: boolean;
}

export function exerciseFiles(exercise: Exercise, root = process.cwd()): ExerciseFiles {
  const hash = fingerprint(currentFiles(exercise, root));
  const starter = pristineStarter(exercise);
  return { hash, untouched: starter !== null && fingerprint(starter) === hash };
}

/** True when the exercise's files are its starter, whatever their line endings; false when the manifest cannot say. */
export const isUntouched = (exercise: Exercise, root = process.cwd()): boolean => exerciseFiles(exercise, root).untouched;

/** The reference's files, main module first. */
export function solutionFiles(exercise: Exercise, list: (dir: string) => string[]): string[] {
  const main = paths.solution(exercise);
  const dir = dirname(main);
  const companions = list(dir).filter((f) => belongsTo(exercise.name, f) && f !== basename(main));
  return [main, ...companions.sort().map((f) => `${dir}/${f}`)];
}
