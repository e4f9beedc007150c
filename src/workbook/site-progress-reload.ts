/**
 * Under `npm run dev` only: when .workbook/state.json changes (after
 * `npm test`, a re-grade in `npm run watch`, `npm run hint`), the open page
 * reloads, so the status it shows is never older than the last grading.
 * Pages read the file on each request (site-progress.ts); this only tells
 * the browser to ask again. `astro build` never adds the plugin.
 */
import { resolve } from 'node:path';
import type { AstroIntegration } from 'astro';
import { stateFile } from './state.ts';
import { PROGRESS_ROOT_ENV } from './site-progress.ts';

/** A grading writes the file once (a rename over it); a watcher may still report it twice. */
const SETTLE_MS = 150;

export function progressReload(): AstroIntegration {
  return {
    name: 'workbook-progress-reload',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'workbook-progress-reload',
                configureServer(server) {
                  const file = resolve(stateFile(process.env[PROGRESS_ROOT_ENV] || process.cwd()));
                  // .workbook/ may not exist yet on a fresh clone; chokidar picks the file up when it appears.
                  server.watcher.add(file);
                  let timer: NodeJS.Timeout | undefined;
                  const onChange = (path: string) => {
                    if (resolve(path) !== file) return;
                    clearTimeout(timer);
                    timer = setTimeout(() => server.environments.client.hot.send({ type: 'full-reload', path: '*' }), SETTLE_MS);
                  };
                  server.watcher.on('add', onChange);
                  server.watcher.on('change', onChange);
                },
              },
            ],
          },
        });
      },
    },
  };
}
