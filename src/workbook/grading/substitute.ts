/**
 * Writes stand-in exercise files (a loop, a cheat) where vitest can resolve
 * their imports (inside the repository, under node_modules/.cache, which git
 * ignores), and the environment that makes the learner target grade them in
 * place of the real exercises (WORKBOOK_SUBSTITUTE, vitest-projects.ts).
 * For the grading runner's own checks: exercises/ is never touched.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUBSTITUTE_ENV } from '../vitest-projects.ts';

const cache = resolve(import.meta.dirname, '../../../node_modules/.cache/workbook-substitutes');

export interface Substitutes {
  env: Record<string, string>;
  remove(): void;
}

/** `sources`: exercise name → TypeScript source graded in its place. */
export function substitute(sources: Record<string, string>): Substitutes {
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'run-'));
  const files: Record<string, string> = {};
  for (const [name, source] of Object.entries(sources)) {
    files[name] = join(dir, `${name}.ts`);
    writeFileSync(files[name], source);
  }
  return {
    env: { [SUBSTITUTE_ENV]: JSON.stringify(files) },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
