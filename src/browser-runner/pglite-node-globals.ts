/**
 * The three Node globals node-postgres (pg, pg-pool) reads, for the browser
 * bundle. esbuild's `inject` (pglite-browser-build.ts) makes every free
 * `Buffer`, `process` and `setImmediate` in the bundle refer to these.
 *
 * - Buffer: pg's prepareValue tests `value instanceof Buffer` for every
 *   bound parameter, and pg-types makes bytea a Buffer. The `buffer`
 *   package is the browser build of Node's own Buffer.
 * - process: pg reads process.env / process.platform for its defaults and
 *   defers events with process.nextTick. `versions` has no `node`, so
 *   PGlite (which reads process.versions.node) knows it is not in Node.
 * - setImmediate: pg-pool's error path for a misused query().
 */
import { Buffer } from 'buffer';

type Task = (...args: unknown[]) => void;

export { Buffer };

export const process = {
  env: {} as Record<string, string | undefined>,
  platform: 'browser',
  versions: {} as Record<string, string>,
  // Node runs nextTick callbacks before promise jobs; a microtask is the
  // nearest a browser has, and pg only needs "after the current code".
  nextTick: (task: Task, ...args: unknown[]) => queueMicrotask(() => task(...args)),
};

export const setImmediate = (task: Task, ...args: unknown[]) => setTimeout(task, 0, ...args);
