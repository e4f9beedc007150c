/**
 * esbuild options that let a browser bundle hold node-postgres talking to
 * PGlite in the same tab, the way the CLI graders reach PGlite
 * (src/workbook/testing/engines.ts: pg.Pool over createPgConfig(lite) with
 * workbookTypes). Merge them into the build of any bundle that imports
 * twins/database.ts:
 *
 *   build({ ..., plugins: [...yours, ...nodePostgresForBrowser.plugins],
 *           inject: [...nodePostgresForBrowser.inject],
 *           define: { ...nodePostgresForBrowser.define } })
 *
 * - `events`, `buffer`: resolved to the npm packages of those names (the
 *   browser builds of Node's EventEmitter and Buffer).
 * - `util`: pglite-node-util.ts (pg only calls util.deprecate).
 * - every other Node built-in (net, tls, dns, fs, path, crypto, stream, …)
 *   and pg-native: an empty module. pg names them for TCP sockets, TLS,
 *   .pgpass files and the native driver — paths a PGlite connection never
 *   takes (createPgConfig hands pg its own connection object).
 * - Buffer / process / setImmediate globals: pglite-node-globals.ts;
 *   `global` (Node's name for globalThis) → globalThis.
 *
 * Only imports made from inside node_modules are mapped: a grader or helper
 * of ours that imports a Node built-in still fails the build ("Could not
 * resolve"), as bundle-grader.ts promises, instead of getting an empty module.
 */
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';

const here = import.meta.dirname;
const polyfilled = new Set(['events', 'buffer']);
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const fromPackage = (importer: string) => importer.includes('/node_modules/') || importer.includes('\\node_modules\\');

const nodeForBrowser: Plugin = {
  name: 'node-postgres-for-browser',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$|^pg-native$/ }, (args) => {
      if (!fromPackage(args.importer)) return undefined;
      const name = args.path.replace(/^node:/, '');
      if (name === 'util') return { path: resolve(here, 'pglite-node-util.ts') };
      // `node:events` names the same module as `events`: the npm package.
      if (polyfilled.has(name)) return name === args.path ? undefined : b.resolve(name, { kind: args.kind, resolveDir: args.resolveDir });
      if (nodeBuiltins.has(args.path) || args.path === 'pg-native') return { path: args.path, namespace: 'empty-node-builtin' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'empty-node-builtin' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

export const nodePostgresForBrowser = {
  plugins: [nodeForBrowser],
  inject: [resolve(here, 'pglite-node-globals.ts')],
  // pg-pool reads `global.Promise`.
  define: { global: 'globalThis' },
};
