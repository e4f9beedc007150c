/**
 * Puts the Run demos into the built site: after `astro build`, bundles
 * every demo into dist/demos/ (build-demos.ts) and writes the PGlite files
 * and seeded snapshots the database demos open into dist/pglite/
 * (pglite-assets.ts). Registered in astro.config.mjs.
 *
 * Build only: under `astro dev` there is no dist/, and a Run control says
 * that the runner is built with the site (markup.ts).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildPgliteAssets } from '../pglite-assets.ts';
import { buildDemos, demoFixtures } from './build-demos.ts';
import { loadDemos } from './catalog.ts';

export function runDemos(): AstroIntegration {
  return {
    name: 'run-demos',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        const entries = await loadDemos();
        const bundles = await buildDemos(out, entries);
        const fixtures = await demoFixtures(entries);
        if (fixtures.length > 0) await buildPgliteAssets(out, fixtures);
        logger.info(`${Object.keys(bundles).length} Run demos bundled in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
