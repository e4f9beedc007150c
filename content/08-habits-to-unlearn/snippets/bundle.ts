/**
 * Chapter 8: builds an entry point and everything it imports into one
 * minified ES module with esbuild, and reports its size. The tests bundle
 * two entries: service.ts (hono and zod, both ES modules) and server.ts,
 * the production entry, which pulls in node-postgres, a CommonJS package.
 */
import { build } from 'esbuild';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const entries = {
  service: fileURLToPath(new URL('./service.ts', import.meta.url)),
  server: fileURLToPath(new URL('./server.ts', import.meta.url)),
};

// #region bundle
// CommonJS packages inside an ES module bundle still call require('events');
// esbuild routes those calls to the real `require`, which an ES module lacks.
const REQUIRE = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);`;

export async function bundle(entry: string, outfile: string) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true, // inline every import from node_modules
    platform: 'node', // node:* built-ins stay imports
    target: 'node24', // matches "engines" in package.json
    format: 'esm',
    banner: { js: REQUIRE }, // without it: Dynamic require of "events"
    minify: true,
    logLevel: 'silent',
  });
  return { outfile, bytes: (await stat(outfile)).size };
}
// #endregion
