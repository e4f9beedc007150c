/**
 * Build step for the Run demos: bundles every demo with its snippet for a
 * module Web Worker, with esbuild, into `<outDir>/demos/`.
 *
 * Why bundle at build time rather than strip types in the page: the reader
 * does not edit a demo's code, only the request, so there is nothing to
 * compile in the browser. The bundle runs exactly the tested files (the
 * snippet, its imports, hono or zod) with their types removed by esbuild,
 * and the page downloads no compiler. (Exercises, which the reader does
 * edit, strip types in the page: src/browser-runner/runner/.)
 *
 * One entry per demo (`demos/<chapter>--<snippet>--<name>.js`), with code
 * splitting, so hono, zod and PGlite are shared chunks, fetched once. A
 * database demo's entry also opens the seeded snapshot that
 * buildPgliteAssets() writes into `<outDir>/pglite/`; its relative URL is
 * baked into the entry.
 *
 * Browser stand-ins, applied only where the code asks for them:
 * - the global `Buffer`: shims/buffer-concat.ts (Buffer.concat only);
 * - a Node built-in imported by our own code (chapter 7's app.ts imports
 *   node:crypto for createTokenAuth, which its demo does not call): a module
 *   whose every export throws "… is Node-only" when used, so a demo that
 *   does reach one fails with that sentence instead of the build failing
 *   for code the demo never runs;
 * - a Node built-in named by a package (PGlite's Node code paths, behind
 *   runtime checks): an empty module, as the grader build does.
 * Demos marked localOnly are not bundled.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { fixtureHash, PGLITE_DIR, snapshotFile } from '../pglite-fixture-hash.ts';
import { loadDemos, type DemoEntry } from './catalog.ts';
import { bundleName } from './demo.ts';
import { DEMO_FIXTURES } from './fixtures.ts';

import { DEMOS_DIR, PANEL_FILE } from './build-demos-paths.ts';

export { DEMOS_DIR, PANEL_FILE };

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const fromPackage = (importer: string) => /[/\\]node_modules[/\\]/.test(importer);

const ENTRY = 'demo-entry';

/** The worker entry of one demo: import its file, serve the demo by name. */
function entrySource(entry: DemoEntry, snapshot: string | undefined): string {
  const lines = [
    `import { demos } from ${JSON.stringify(entry.file)};`,
    `import { serveDemo } from ${JSON.stringify(join(import.meta.dirname, 'worker-main.ts'))};`,
    `const demo = demos.find((d) => d.name === ${JSON.stringify(entry.demo.name)});`,
  ];
  if (snapshot === undefined) {
    lines.push('serveDemo(demo);');
  } else {
    lines.push(
      `import { snapshotDatabase } from ${JSON.stringify(join(import.meta.dirname, 'worker-database.ts'))};`,
      `serveDemo(demo, snapshotDatabase(${JSON.stringify(snapshot)}, import.meta.url));`,
    );
  }
  return lines.join('\n');
}

function demoEntries(entries: DemoEntry[], snapshots: Map<string, string>): Plugin {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    name: 'demo-entries',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${ENTRY}:`) }, (args) => ({ path: args.path.slice(ENTRY.length + 1), namespace: ENTRY }));
      b.onLoad({ filter: /.*/, namespace: ENTRY }, (args) => {
        const entry = byId.get(args.path)!;
        return { contents: entrySource(entry, snapshots.get(entry.id)), loader: 'ts', resolveDir: dirname(entry.file) };
      });
    },
  };
}

const nodeBuiltinsForBrowser: Plugin = {
  name: 'node-builtins-for-browser',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (!nodeBuiltins.has(args.path)) return undefined;
      return { path: args.path, namespace: fromPackage(args.importer) ? 'empty-builtin' : 'node-only-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'empty-builtin' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    // CommonJS, so any named import binds (esbuild reads it through the proxy at run time).
    b.onLoad({ filter: /.*/, namespace: 'node-only-builtin' }, (args) => ({
      contents: `const name = ${JSON.stringify(args.path)};
module.exports = new Proxy({}, { get: (_, key) => key === '__esModule' ? false : () => { throw new Error(name + "'s " + String(key) + ' is Node-only: this demo cannot use it in the browser'); } });`,
      loader: 'js',
    }));
  },
};

/** Demo id → bundle file, relative to outDir (`demos/….js`). */
export async function buildDemos(outDir: string, entries?: DemoEntry[]): Promise<Record<string, string>> {
  const runnable = (entries ?? (await loadDemos())).filter((e) => !e.demo.localOnly);
  const dir = join(outDir, DEMOS_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const snapshots = new Map<string, string>();
  for (const e of runnable) {
    if (!e.demo.database) continue;
    const hash = await fixtureHash(DEMO_FIXTURES[e.demo.database]);
    snapshots.set(e.id, `../${PGLITE_DIR}/${snapshotFile(hash)}`);
  }
  await build({
    entryPoints: [
      { in: join(import.meta.dirname, 'panel.ts'), out: PANEL_FILE.replace(/\.js$/, '') },
      ...runnable.map((e) => ({ in: `${ENTRY}:${e.id}`, out: bundleName(e.id).replace(/\.js$/, '') })),
    ],
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    chunkNames: 'chunks/[name]-[hash]',
    inject: [join(import.meta.dirname, 'shims/buffer-concat.ts')],
    plugins: [demoEntries(runnable, snapshots), nodeBuiltinsForBrowser],
    logLevel: 'silent',
  });
  return Object.fromEntries(runnable.map((e) => [e.id, relative(outDir, join(dir, bundleName(e.id)))]));
}

/** The fixtures the database demos need snapshots of (for buildPgliteAssets). */
export async function demoFixtures(entries?: DemoEntry[]) {
  const used = new Set((entries ?? (await loadDemos())).filter((e) => !e.demo.localOnly && e.demo.database).map((e) => e.demo.database!));
  return [...used].map((name) => DEMO_FIXTURES[name]);
}
