/**
 * Chapter 8: builds service.ts and everything it imports (hono, zod)
 * into one minified ES module with esbuild, and reports its size.
 */
import { build } from 'esbuild';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./service.ts', import.meta.url));

// #region bundle
export async function bundle(outfile: string) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true, // inline every import from node_modules
    platform: 'node', // node:* built-ins stay imports
    target: 'node22', // matches "engines" in package.json
    format: 'esm',
    minify: true,
    logLevel: 'silent',
  });
  return { outfile, bytes: (await stat(outfile)).size };
}
// #endregion
