/**
 * Everything the site serves under runner/, built in one place for both
 * `astro build` and `astro dev` (integration.ts): PGlite's files and one
 * seeded snapshot per fixture the graders and the Run demos open (pglite/),
 * the Run demos' bundles (demos/), then the grading worker, grader bundles,
 * references and index.json, whose version hashes every file before it.
 */
import { mkdir, rm } from 'node:fs/promises';
import { buildRunner } from './build.ts';
import { buildDemos, demoFixtures } from './demos/build-demos.ts';
import { loadDemos } from './demos/catalog.ts';
import { browserFixtures, buildPgliteAssets } from './pglite-assets.ts';

export async function buildRunnerFolder(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const demos = await loadDemos();
  await buildPgliteAssets(outDir, [...new Set([...(await browserFixtures()), ...(await demoFixtures(demos))])]);
  await buildDemos(outDir, demos);
  await buildRunner(outDir);
}
