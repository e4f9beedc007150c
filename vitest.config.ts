/**
 * One config, three audiences, chosen by WORKBOOK_TARGET:
 *   (unset)    the learner: graders run against exercises/
 *   solutions  graders against the reference solutions
 *   verify     one project per expectation: solutions on the declared
 *              engine and on PGlite, the untouched starters, and every
 *              known-wrong variant (see src/workbook/vitest-projects.ts)
 */
import { setFlagsFromString } from 'node:v8';
import { defineConfig } from 'vitest/config';
import { projectsFor } from './src/workbook/vitest-projects.ts';

/**
 * Each test file runs in a worker thread of this process. A runaway
 * allocation in an exercise (an array growing in a loop) would otherwise grow
 * to V8's default (a quarter of the machine's memory) before failing; with a
 * cap, the worker stops within a second or two with ERR_WORKER_OUT_OF_MEMORY
 * and the grading CLI reports that file as out of memory. vitest gives no way
 * to pass worker_threads' resourceLimits, and V8 flags in a worker's execArgv
 * are refused; a flag set here applies to the isolates created afterwards (the
 * workers), not to this already running main isolate. Graders use under 50 MB
 * of JS heap (PGlite's memory is WebAssembly memory, outside this limit).
 */
export const WORKER_HEAP_MB = 512;
setFlagsFromString(`--max-old-space-size=${WORKER_HEAP_MB}`);

export default defineConfig({
  test: {
    projects: projectsFor(process.env.WORKBOOK_TARGET ?? 'exercises'),
  },
});
