/**
 * Puts the Run demos into the site.
 *
 * `astro build`: after the pages, bundles every demo into dist/demos/
 * (build-demos.ts) and writes the PGlite files and seeded snapshots the
 * database demos open into dist/pglite/ (pglite-assets.ts).
 *
 * `astro dev`: the same files, built into a temp folder on the first request
 * for /demos/ or /pglite/ (the first Run click; a few seconds), then served
 * from there. A changed demo or snippet needs a restart of the dev server.
 *
 * Registered in astro.config.mjs.
 */
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildPgliteAssets } from '../pglite-assets.ts';
import { PGLITE_DIR } from '../pglite-fixture-hash.ts';
import { buildDemos, demoFixtures, DEMOS_DIR } from './build-demos.ts';
import { loadDemos } from './catalog.ts';

async function buildAll(out: string): Promise<number> {
  const entries = await loadDemos();
  const bundles = await buildDemos(out, entries);
  const fixtures = await demoFixtures(entries);
  if (fixtures.length > 0) await buildPgliteAssets(out, fixtures);
  return Object.keys(bundles).length;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.gz': 'application/gzip' };

export function runDemos(): AstroIntegration {
  return {
    name: 'run-demos',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const count = await buildAll(fileURLToPath(dir));
        logger.info(`${count} Run demos bundled in ${Math.round(performance.now() - started)} ms`);
      },
      'astro:server:setup': ({ server, logger }) => {
        const out = mkdtempSync(join(tmpdir(), 'run-demos-dev-'));
        let built: Promise<unknown> | undefined;
        const served = new RegExp(`^/(?:${DEMOS_DIR}|${PGLITE_DIR})/`);
        server.middlewares.use((req, res, next) => {
          const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
          if (!served.test(path)) return next();
          built ??= buildAll(out).then((n) => logger.info(`${n} Run demos bundled for the dev server`));
          built.then(() => {
            const file = join(out, path);
            if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
            res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
            createReadStream(file).pipe(res);
          }, (error: unknown) => {
            logger.error(`Run demos: ${String(error)}`);
            res.writeHead(500).end(String(error));
          });
        });
      },
    },
  };
}
