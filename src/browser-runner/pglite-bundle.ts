/**
 * Build step for the browser database: bundles pglite-worker.ts for the
 * browser with esbuild and copies beside it the files PGlite fetches
 * relative to its own script.
 *
 * PGlite's browser code still names Node built-ins behind runtime checks
 * (`node:module`, `fs`, …, only reached under Node); esbuild refuses to
 * bundle them for the browser ("Could not resolve node:module"), so they are
 * mapped to an empty module.
 *
 * initdb.wasm is copied although a worker that loads a snapshot never runs
 * initdb: PGlite 0.5 starts downloading it at start-up unless given an
 * `initdbWasmModule`, and a 404 there is an error in the console (131 KB
 * gzipped; see README.md for the option of not fetching it).
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

export const WORKER_FILE = 'pglite-worker.js';
/** Fetched by PGlite from next to the worker script. */
export const PGLITE_ASSETS = ['pglite.wasm', 'pglite.data', 'initdb.wasm'] as const;

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Node built-ins become an empty module: the browser never takes the code paths that use them. */
const emptyNodeBuiltins: Plugin = {
  name: 'empty-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z:_/]+$/ }, (args) => (nodeBuiltins.has(args.path) ? { path: args.path, namespace: 'empty-node-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'empty-node-builtin' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

export interface WorkerBundle {
  /** Bytes of each written file, by name. */
  sizes: Record<string, number>;
}

export async function bundleWorker(outDir: string): Promise<WorkerBundle> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'pglite-worker.ts')],
    outfile: join(outDir, WORKER_FILE),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    plugins: [emptyNodeBuiltins],
    logLevel: 'silent',
  });
  // The exports map hides dist/ files from require.resolve; find the package by its entry point.
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (const asset of PGLITE_ASSETS) copyFileSync(join(dist, asset), join(outDir, asset));
  const names = [WORKER_FILE, ...PGLITE_ASSETS];
  return { sizes: Object.fromEntries(names.map((n) => [n, statSync(join(outDir, n)).size])) };
}
