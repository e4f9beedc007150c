/**
 * The grading worker (a module Web Worker). One message in, one out:
 *   in   { grader: bundle source (bundle-grader.ts), learner: the learner's module as JavaScript }
 *   out  { outcomes } or { error } when the bundle or the learner's module fails to load
 * Both are imported from Blob URLs: nothing is fetched, so grading works offline,
 * and each run gets fresh module instances (no state carried over from the
 * last attempt). A learner's endless loop blocks this worker: the page stops
 * it with worker.terminate() (a watchdog is left to the page, see README).
 */
import { LEARNER_URL_GLOBAL } from './learner-url.ts';

const blobUrl = (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));

self.onmessage = async (event: MessageEvent<{ grader: string; learner: string }>) => {
  const started = performance.now();
  const learner = blobUrl(event.data.learner);
  const grader = blobUrl(event.data.grader);
  try {
    (globalThis as any)[LEARNER_URL_GLOBAL] = learner;
    const bundle = await import(/* @vite-ignore */ grader);
    const loadedMs = performance.now() - started;
    const outcomes = await bundle.run();
    self.postMessage({ outcomes, loadedMs, totalMs: performance.now() - started });
  } catch (error) {
    // The learner's module threw while loading, or has a syntax error: no test could run.
    self.postMessage({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } finally {
    URL.revokeObjectURL(learner);
    URL.revokeObjectURL(grader);
  }
};
