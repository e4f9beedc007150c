/**
 * Known-wrong variants: `test/<chapter>/wrong/<exercise>.<mistake>.ts`, each a
 * whole module that makes one common mistake, named on its first line as
 * `// mistake: …`. verify proves every grader fails each of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths, type Exercise } from '../curriculum.ts';

export interface WrongVariant {
  exercise: Exercise;
  /** e.g. "no-owner-scope" */
  name: string;
  /** repository-relative path */
  file: string;
  /** the `// mistake:` line, or null when the file lacks one */
  mistake: string | null;
}

export function wrongVariants(exercise: Exercise, root = process.cwd()): WrongVariant[] {
  const dir = paths.wrongDir(exercise);
  if (!existsSync(join(root, dir))) return [];
  const prefix = `${exercise.name}.`;
  return readdirSync(join(root, dir))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.ts'))
    .sort()
    .map((f) => {
      const file = `${dir}/${f}`;
      const first = readFileSync(join(root, file), 'utf8').split('\n', 1)[0] ?? '';
      const match = /^\/\/ mistake: (.+)$/.exec(first);
      return { exercise, name: f.slice(prefix.length, -'.ts'.length), file, mistake: match?.[1] ?? null };
    });
}
