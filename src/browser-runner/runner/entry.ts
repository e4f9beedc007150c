/**
 * A grader bundle's entry (bundle-grader.ts generates an import of the grader
 * after this one): importing the bundle collects the grader's tests into
 * harness.ts; `run()` runs them. Each import of a fresh Blob URL of the bundle
 * is a fresh module instance, so every grading starts with an empty registry.
 */
export { runCollected as run } from './harness.ts';
