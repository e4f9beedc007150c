/**
 * Puts the browser runner into the site. `astro build` writes it to
 * dist/runner/ (worker, grader bundles, references, PGlite files and seeded
 * snapshots, demo bundles); `astro dev` builds the same folder into
 * .astro/runner-dev/ on the first request for /runner/ and serves it from
 * there. No page links to these files: a page imports the runner only after a
 * reader clicks Grade or Run, so they cost nothing until then.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { RUNNER_DIR } from './contract.ts';
import { buildRunnerFolder } from './runner-folder.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
  '.data': 'application/octet-stream',
};

export function browserRunner(): AstroIntegration {
  return {
    name: 'djts-browser-runner',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = join(fileURLToPath(dir), RUNNER_DIR);
        const started = Date.now();
        await buildRunnerFolder(out);
        logger.info(`browser runner written to ${RUNNER_DIR}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      },
      'astro:server:setup': ({ server, logger }) => {
        const root = resolve('.astro/runner-dev');
        // Built once per dev server, on first use: starting `npm run dev` stays as fast as before.
        let built: Promise<void> | undefined;
        const ensure = () =>
          (built ??= buildRunnerFolder(root).then(
            () => logger.info(`browser runner built into .astro/runner-dev/`),
            (error: unknown) => {
              built = undefined; // the next request tries again, after the learner fixed what broke
              throw error;
            },
          ));
        const prefix = `/${RUNNER_DIR}/`;
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0]!;
          if (!path.startsWith(prefix)) return next();
          ensure().then(
            () => {
              const file = normalize(join(root, decodeURIComponent(path.slice(prefix.length))));
              if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
                res.statusCode = 404;
                res.end('not found');
                return;
              }
              res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
              res.setHeader('Cache-Control', 'no-cache');
              createReadStream(file).pipe(res);
            },
            (error: unknown) => {
              res.statusCode = 500;
              res.setHeader('Content-Type', 'text/plain; charset=utf-8');
              res.end(`The browser runner did not build: ${error instanceof Error ? error.message : String(error)}`);
            },
          );
        });
      },
    },
  };
}
