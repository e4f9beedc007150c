/** Where the worker leaves the learner module's Blob URL for the grader bundle's `@exercise/…` module to import. */
export const LEARNER_URL_GLOBAL = '__workbookLearnerModuleUrl';
