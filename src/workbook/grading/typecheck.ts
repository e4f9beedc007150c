/**
 * Type errors are part of the grade: an exercise that does not type-check
 * is not solved, whatever its tests say (as rustlings treats a compile
 * error). This module answers "does each exercise type-check, and if not,
 * where?" with the project's own compiler and compiler options.
 *
 * One tsc process checks a whole batch: most of its time goes to reading
 * the standard and Node type libraries, which every exercise shares, so a
 * batch of 21 costs little more than one exercise. The program holds only
 * the selected exercises' files and what they import, never the whole repo.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { exercises, paths, type Exercise } from '../../curriculum.ts';
import { belongsTo } from '../starters.ts';
import { runTsc, TscFailed, type Diagnostic } from './tsc.ts';

export { TscFailed, type Diagnostic };

export interface TypeProblem {
  /** Repository-relative, e.g. exercises/01-shape-of-a-service/greet.ts */
  file: string;
  line: number;
  column: number;
  /** "TS2322" */
  code: string;
  /** tsc's message; a chain of explanations follows on further lines. */
  message: string;
}

export interface TypeCheckResult {
  ok: boolean;
  /** In the order tsc reports them (by file, then position): the first is the one to show. */
  problems: TypeProblem[];
  /** Wall time of the tsc run that checked this exercise (shared by every exercise of one batch). */
  ms: number;
}

export interface TypecheckOptions {
  /** The repository (default: the current directory). */
  root?: string;
  /** Whose files: the learner's (default) or the references. */
  dir?: 'exercises' | 'solutions';
}

/** The exercise's own TypeScript files, repository-relative: `<name>.ts` and companions such as `<name>.queries.ts`. */
export function ownFiles(exercise: Exercise, root: string, dir: 'exercises' | 'solutions'): string[] {
  const main = dir === 'exercises' ? paths.starter(exercise) : paths.solution(exercise);
  const folder = dirname(main);
  let names: string[];
  try {
    names = readdirSync(join(root, folder));
  } catch {
    names = [];
  }
  const companions = names.filter((f) => f.endsWith('.ts') && belongsTo(exercise.name, f) && `${folder}/${f}` !== main);
  return [main, ...companions.sort().map((f) => `${folder}/${f}`)];
}

/**
 * Type-checks each exercise's own files (and what they import) as they are
 * on disk, keyed by exercise name. Only problems located in an exercise's
 * own files count against it: an error in a grader, in src/ or in a type
 * library is not the learner's to fix.
 *
 * Rejects with TscFailed when tsc cannot run or reports a problem with the
 * whole program (no file to blame, e.g. @types/node missing): the check
 * then says nothing about the learner's code, and the caller should say so
 * rather than mark exercises as not type-checking.
 */
export async function typecheckExercises(
  list: readonly Exercise[],
  options: TypecheckOptions = {},
): Promise<Map<string, TypeCheckResult>> {
  const root = resolve(options.root ?? process.cwd());
  const dir = options.dir ?? 'exercises';
  const results = new Map<string, TypeCheckResult>();
  const files = new Map(list.map((e) => [e.name, ownFiles(e, root, dir)] as const));
  // A deleted main file is reported against its exercise rather than letting
  // tsc fail the whole batch with "File not found".
  const present = [...files.values()].flat().filter((f) => existsSync(join(root, f)));
  const started = performance.now();
  const diagnostics = present.length > 0 ? await typecheckFiles(present, { root, dir }) : [];
  const ms = Math.round(performance.now() - started);

  const global = diagnostics.filter((d) => d.file === undefined);
  if (global.length > 0) {
    throw new TscFailed(`tsc could not type-check the exercises: ${global.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  }
  for (const exercise of list) {
    const own = new Set(files.get(exercise.name));
    const missing = [...own].filter((f) => !present.includes(f));
    const problems: TypeProblem[] = [
      ...missing.map((file) => ({ file, line: 1, column: 1, code: 'TS6053', message: `File '${file}' not found.` })),
      ...diagnostics.filter((d): d is Diagnostic & { file: string } => d.file !== undefined && own.has(d.file)),
    ];
    results.set(exercise.name, { ok: problems.length === 0, problems, ms });
  }
  return results;
}

/**
 * Every diagnostic tsc reports for a program made of `files` (repository-
 * relative) and what they import, wherever it is located.
 *
 * The program's tsconfig extends the project's (strict, paths, `types:
 * ["node"]`, …) but lists only `files`. It lives in a fresh temp directory
 * so that concurrent runs (two terminals, watch plus `npm test`) never share
 * one, and so nothing is written into the learner's tree.
 */
export async function typecheckFiles(files: string[], options: TypecheckOptions = {}): Promise<Diagnostic[]> {
  const root = resolve(options.root ?? process.cwd());
  const dir = options.dir ?? 'exercises';
  const scratch = await mkdtemp(join(tmpdir(), 'workbook-typecheck-'));
  try {
    const project = join(scratch, 'tsconfig.json');
    const config = {
      extends: join(root, 'tsconfig.json'),
      compilerOptions: {
        // tsc looks for `types: ["node"]` from the tsconfig's own folder up, which here is outside the repository.
        typeRoots: [join(root, 'node_modules/@types')],
        paths: { '@exercise/*': [join(root, dir, '*')] },
        // Every exercise is a module (its grader imports it). Forcing that keeps
        // a learner's file that lost its exports from clashing with another
        // exercise of the same batch in the global scope.
        moduleDetection: 'force',
        // tsc reuses nothing between runs here: incremental build info saved
        // no measurable time, since reading the type libraries dominates.
        incremental: false,
      },
      include: [],
      files: files.map((f) => join(root, f)),
    };
    await writeFile(project, JSON.stringify(config, null, 2));
    return await runTsc(project, root);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Milliseconds to type-check one exercise as the learner has it (for `npm run bench`). */
export async function timeTypecheck(name: string, options: TypecheckOptions = {}): Promise<number> {
  const exercise = exercises.find((e) => e.name === name);
  if (!exercise) throw new Error(`no exercise named ${name}`);
  const started = performance.now();
  await typecheckExercises([exercise], options);
  return performance.now() - started;
}
