/**
 * How a grader's `@exercise/…` module gets the learner's code: it calls the
 * function the worker leaves at this global, handing over the packages the
 * exercise may import (bundled with the grader, e.g. hono); the worker
 * answers with the learner's module, imported from a fresh Blob URL.
 */
export const LEARNER_LOADER_GLOBAL = '__djtsLoadLearner';
export type LearnerLoader = (packages: Record<string, Record<string, unknown>>) => Promise<Record<string, unknown>>;
