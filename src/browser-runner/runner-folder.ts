/**
 * Everything the site serves under runner/, built in one place for both
 * `astro build` and `astro dev` (integration.ts): PGlite's files and the
 * seeded snapshots (pglite/), then the grading worker, grader bundles,
 * references and index.json, whose version hashes every file before it.
 */
import { mkdir, rm } from 'node:fs/promises';
import { buildRunner } from './build.ts';
import { buildPgliteAssets } from './pglite-assets.ts';

export async function buildRunnerFolder(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await buildPgliteAssets(outDir);
  await buildRunner(outDir);
}
