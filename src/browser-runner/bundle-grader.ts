/**
 * Build-time half of the browser runner (issue 15): one exercise's real
 * grader file, bundled with esbuild into a single ES module the grading
 * worker (runner/worker.ts) imports from a Blob URL.
 *
 * Two imports are redirected; everything else (fast-check, zod, the
 * src/workbook/testing/* helpers) is bundled as it is:
 *   vitest                 → runner/vitest-shim.ts (describe/it/expect on @vitest/expect)
 *   @exercise/<chapter>/<name> → a module that imports the learner's code from
 *                            the Blob URL the worker sets, re-exporting the
 *                            names the reference solution exports
 * A grader that needs Node (node:* built-ins, the database host) fails here,
 * at build time, with esbuild's "Could not resolve" — never in a reader's tab.
 */
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { LEARNER_URL_GLOBAL } from './runner/learner-url.ts';

const runner = resolve(import.meta.dirname, 'runner');
const root = resolve(import.meta.dirname, '../..');

export interface GraderBundle {
  /** The bundle's source, an ES module exporting `run(): Promise<Outcome[]>` (runner/harness.ts). */
  code: string;
  /** The names the learner's module must export (read from the reference solution). */
  exports: string[];
}

/** The names `file` exports, as esbuild sees them (so `export const a`, `export function b`, re-exports alike). */
export async function exportsOf(file: string): Promise<string[]> {
  const result = await build({ entryPoints: [file], bundle: false, format: 'esm', write: false, metafile: true, outdir: '/out', logLevel: 'silent' });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports).sort();
}

/** `@exercise/01-shape-of-a-service/greet` → a module re-exporting `names` from the learner's Blob URL. */
function learnerModule(names: string[]): string {
  const plain = names.filter((n) => n !== 'default');
  return [
    `const learner = await import(globalThis[${JSON.stringify(LEARNER_URL_GLOBAL)}]);`,
    // A name the learner deleted is undefined here, and the test that uses it fails with a TypeError, as under vitest.
    ...plain.map((n) => `export const ${n} = learner.${n};`),
    ...(names.includes('default') ? ['export default learner.default;'] : []),
  ].join('\n');
}

function redirects(exercise: string, names: string[]): Plugin {
  return {
    name: 'workbook-browser-grader',
    setup(b) {
      b.onResolve({ filter: /^vitest$/ }, () => ({ path: resolve(runner, 'vitest-shim.ts') }));
      b.onResolve({ filter: /^@exercise\// }, (args) => {
        if (args.path !== `@exercise/${exercise}`) return { errors: [{ text: `${args.path}: a grader bundle serves only its own exercise (${exercise})` }] };
        return { path: args.path, namespace: 'learner' };
      });
      b.onLoad({ filter: /.*/, namespace: 'learner' }, () => ({ contents: learnerModule(names), loader: 'js' }));
    },
  };
}

/**
 * Bundles `grader` (e.g. test/01-shape-of-a-service/greet.test.ts) for the
 * exercise `exercise` ("01-shape-of-a-service/greet"), whose reference is
 * solutions/<exercise>.ts.
 */
export async function bundleGrader(exercise: string, grader: string, options: { minify?: boolean } = {}): Promise<GraderBundle> {
  const names = await exportsOf(resolve(root, 'solutions', `${exercise}.ts`));
  const result = await build({
    stdin: {
      // The harness first, so its registry exists before the grader's describe() calls run.
      contents: `export { run } from ${JSON.stringify(resolve(runner, 'entry.ts'))};\nimport ${JSON.stringify(resolve(root, grader))};\n`,
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'grader-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    write: false,
    logLevel: 'silent',
    plugins: [redirects(exercise, names)],
  });
  return { code: result.outputFiles[0]!.text, exports: names };
}

/** The grading worker itself, as one ES module (a module Worker's script). */
export async function bundleWorker(): Promise<string> {
  const result = await build({ entryPoints: [resolve(runner, 'worker.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}
