/**
 * esbuild options for bundling a database grader for the browser, beyond
 * node-postgres (pglite-browser-build.ts):
 *
 * - The grader's imports of src/workbook/testing/database.ts and engines.ts
 *   go to their browser twins (twins/database.ts, twins/database-engines.ts).
 * - test/fixtures/ modules read their SQL from disk
 *   (`readFileSync(new URL('../../test/fixtures/schema/billing.schema.sql',
 *   import.meta.url))` in schema.ts). In the bundle, their `node:fs` is a
 *   module holding the text of every .sql and .json file under
 *   test/fixtures/, read at build time, and their `import.meta.url` a fixed
 *   file: URL of their place in the repository (a grader imported from a
 *   Blob URL has no folder for `new URL('../..', …)` to climb). So the
 *   Fixture a grader passes to useDatabase() holds byte for byte the text
 *   it holds under Node, and fixtureHash() names the snapshot the build
 *   wrote for it (checked in test/runtime/browser-database.test.ts).
 *
 * Use all of it at once:
 *   build({ ..., plugins: [...yours, ...databaseGradersForBrowser.plugins],
 *           inject: [...databaseGradersForBrowser.inject],
 *           define: { ...databaseGradersForBrowser.define } })
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { nodePostgresForBrowser } from './pglite-browser-build.ts';

const root = resolve(import.meta.dirname, '../..');
const fixturesDir = join(root, 'test', 'fixtures');
const FIXTURE_FILES = 'workbook-fixture-files';
/** What `import.meta.url` of a fixture module's folder looks like in the bundle. */
const BUNDLE_ROOT = 'file:///workbook/';

const repoPath = (file: string) => relative(root, file).split(sep).join('/');

/** Every .sql and .json under test/fixtures/, by repository path. */
function fixtureFiles(dir = fixturesDir): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return Object.entries(fixtureFiles(path));
      return /\.(sql|json)$/.test(entry.name) ? [[repoPath(path), readFileSync(path, 'utf8')]] : [];
    }),
  );
}

const twins: Plugin = {
  name: 'database-twins',
  setup(b) {
    b.onResolve({ filter: /[\\/]workbook[\\/]testing[\\/]database\.ts$/ }, () => ({ path: resolve(import.meta.dirname, 'twins/database.ts') }));
    b.onResolve({ filter: /[\\/]workbook[\\/]testing[\\/]engines\.ts$/ }, () => ({ path: resolve(import.meta.dirname, 'twins/database-engines.ts') }));
  },
};

const inlineFixtureFiles: Plugin = {
  name: 'inline-fixture-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]test[\\/]fixtures[\\/][^\\/]+\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(`from 'node:fs'`)) return undefined;
      const url = JSON.stringify(BUNDLE_ROOT + repoPath(args.path));
      return {
        contents: source.replace(`from 'node:fs'`, `from '${FIXTURE_FILES}'`).replaceAll('import.meta.url', url),
        loader: 'ts',
      };
    });
    b.onResolve({ filter: new RegExp(`^${FIXTURE_FILES}$`) }, () => ({ path: FIXTURE_FILES, namespace: FIXTURE_FILES }));
    b.onLoad({ filter: /.*/, namespace: FIXTURE_FILES }, () => ({
      contents: `const FILES = ${JSON.stringify(fixtureFiles())};
export function readFileSync(where) {
  const path = String(where instanceof URL ? where.href : where).replace(${JSON.stringify(BUNDLE_ROOT)}, '');
  if (!(path in FILES)) throw new Error(path + ': not in the browser bundle (pglite-fixtures-build.ts inlines the .sql and .json files under test/fixtures/)');
  return FILES[path];
}`,
      loader: 'js',
    }));
  },
};

export const databaseGradersForBrowser = {
  plugins: [twins, inlineFixtureFiles, ...nodePostgresForBrowser.plugins],
  inject: nodePostgresForBrowser.inject,
  define: nodePostgresForBrowser.define,
};
