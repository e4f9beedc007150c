/**
 * The files whose content decides an exercise's mutation result, and one
 * hash over them. A committed report is current while this hash matches.
 *
 * Starting from the grader and the reference, it follows every local
 * import (relative paths, `@exercise/…` as the graders resolve it against
 * solutions/, and package.json "imports" such as `#lib/*`), type-only
 * imports included because the TypeScript checker reads them. Modules that
 * read a fixture at run time (`readFileSync(join(here, 'seed.json'))`)
 * name it in a string literal, so every literal ending in .sql or .json
 * that names an existing file beside the module, or from the repository
 * root, is an input too. Packages under node_modules are not: an upgrade
 * changes no report (the Stryker version is recorded beside the result).
 *
 * The manifest (src/curriculum.ts) is imported by the database helpers
 * only to look up the exercise's engine; hashing the whole file would make
 * every database exercise's report stale whenever a hint is reworded, so
 * the engine stands in for it.
 *
 * Known-wrong variants and starters are not inputs: they never run here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** What `inputsOf` needs to know of an exercise (a subset of the manifest's Exercise). */
export interface ExerciseFiles {
  /** repository-relative grader, e.g. test/01-shape-of-a-service/greet.test.ts */
  grader: string;
  /** repository-relative reference, e.g. solutions/01-shape-of-a-service/greet.ts */
  reference: string;
  /** the manifest's engine for the exercise */
  engine: string | null;
}

const MANIFEST = 'src/curriculum.ts';

export interface Fingerprint {
  /** every input's sha256, by repository-relative path, sorted */
  inputs: Record<string, string>;
  /** one sha256 over `inputs` */
  hash: string;
}

export function fingerprint(exercise: ExerciseFiles, root: string): Fingerprint {
  const inputs = Object.fromEntries(
    inputsOf(exercise, root).map((file) => [
      file === MANIFEST ? `${MANIFEST} (engine)` : file,
      sha256(file === MANIFEST ? `engine: ${exercise.engine}` : readFileSync(join(root, file), 'utf8').replaceAll('\r\n', '\n')),
    ]),
  );
  return { inputs, hash: sha256(JSON.stringify(Object.entries(inputs))) };
}

const IMPORT_PATTERNS = [
  /\b(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  /\bimport\s+(['"])([^'"]+)\1/g,
];
const DATA_FILE = /(['"`])([^'"`\s]+\.(?:sql|json))\1/g;

/** Repository-relative paths of every input, sorted. */
export function inputsOf(exercise: ExerciseFiles, root: string): string[] {
  const importMap = packageImports(root);
  const found = new Set<string>();
  const queue = [exercise.grader, exercise.reference];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (found.has(file)) continue;
    found.add(file);
    if (file === MANIFEST || !/\.[cm]?[jt]sx?$/.test(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const here = dirname(join(root, file));
    for (const pattern of IMPORT_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const target = resolveSpecifier(match[2]!, here, root, importMap);
        if (target) queue.push(target);
      }
    }
    for (const match of text.matchAll(DATA_FILE)) {
      const target = [resolve(here, match[2]!), resolve(root, match[2]!)].find(isRepositoryFile(root));
      if (target) queue.push(toRelative(root, target));
    }
  }
  return [...found].sort();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type ImportMap = [prefix: string, suffix: string, target: string][];

/** package.json "imports" entries with one `*`, e.g. "#lib/*" → "./src/lib/*.ts". */
function packageImports(root: string): ImportMap {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return [];
  const imports: Record<string, unknown> = JSON.parse(readFileSync(file, 'utf8')).imports ?? {};
  return Object.entries(imports).flatMap(([pattern, target]) => {
    if (typeof target !== 'string' || !pattern.includes('*')) return [];
    const [prefix, suffix] = pattern.split('*') as [string, string];
    return [[prefix, suffix, target]];
  });
}

function resolveSpecifier(specifier: string, here: string, root: string, importMap: ImportMap): string | undefined {
  let absolute: string | undefined;
  if (specifier.startsWith('.')) absolute = resolve(here, specifier);
  else if (specifier.startsWith('@exercise/')) absolute = resolve(root, 'solutions', specifier.slice('@exercise/'.length));
  else {
    for (const [prefix, suffix, target] of importMap) {
      if (specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
        absolute = resolve(root, target.replace('*', specifier.slice(prefix.length, specifier.length - suffix.length)));
      }
    }
  }
  if (!absolute) return undefined; // a package: not an input
  const candidate = [absolute, `${absolute}.ts`].find(isRepositoryFile(root));
  return candidate && toRelative(root, candidate);
}

const isRepositoryFile = (root: string) => (absolute: string) =>
  !relative(root, absolute).startsWith('..') &&
  !absolute.split(sep).includes('node_modules') &&
  existsSync(absolute) &&
  statSync(absolute).isFile();

const toRelative = (root: string, absolute: string) => relative(root, absolute).split(sep).join('/');
