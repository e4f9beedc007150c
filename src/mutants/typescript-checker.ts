/**
 * Finds StrykerJS's TypeScript checker. It drives the compiler through the
 * JavaScript API of TypeScript ≤ 6, while the project's `typescript` is 7,
 * whose package exports no API (only `version`). So the checker lives in
 * its own little package, src/mutants/typescript-checker/, which depends
 * on TypeScript 6; a package.json override pins the checker's `typescript`
 * peer to it, so npm installs both under that folder's node_modules and the
 * project's `tsc` stays 7. Details and the install lines: README.md.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const PACKAGE = 'src/mutants/typescript-checker';

export interface Checker {
  /** absolute path of the plugin's entry module, for Stryker's `plugins` option */
  plugin: string;
  /** the TypeScript version the checker compiles with (resolved from the checker, as it resolves it) */
  typescript: string;
}

export function findChecker(root: string): Checker | { problem: string } {
  let plugin: string;
  let typescript: string;
  try {
    plugin = createRequire(join(root, PACKAGE, 'package.json')).resolve('@stryker-mutator/typescript-checker');
    typescript = createRequire(plugin).resolve('typescript/package.json');
  } catch {
    return {
      problem: [
        `StrykerJS's TypeScript checker is not installed (it belongs in ${PACKAGE}/node_modules/).`,
        'It comes with the project\'s devDependencies: run npm install (or npm ci).',
        'If package.json lacks "mutants-typescript-checker", see src/mutants/README.md ("The TypeScript checker").',
      ].join('\n'),
    };
  }
  const version: string = JSON.parse(readFileSync(typescript, 'utf8')).version;
  if (Number(version.split('.')[0]) >= 7) {
    return {
      problem: `StrykerJS's TypeScript checker resolves TypeScript ${version}, which has no JavaScript compiler API; it needs 6.x. Is the "overrides" entry for mutants-typescript-checker in package.json? See src/mutants/README.md.`,
    };
  }
  return { plugin, typescript: version };
}
