/**
 * The browser runner's contract (issue 15): what an exercise page asks the
 * grading worker, what it gets back, and where the built site keeps the
 * runner's files. The page (editor), the worker, verify's browser checks and
 * the bench all read these types, so they cannot drift apart.
 */

/** Everything the runner serves lives under this folder of the built site (`dist/runner/`). */
export const RUNNER_DIR = 'runner';
/** `runner/index.json`: which exercises grade in the browser and where their files are. */
export const RUNNER_INDEX = 'index.json';

export interface RunnerIndex {
  /** Content hash of the whole runner build, so stale caches are never mixed with new files. */
  version: string;
  /** URL of the grading worker's module, relative to the runner folder. */
  worker: string;
  exercises: Record<string, {
    /** The grader bundle (relative to the runner folder). */
    grader: string;
    /** The reference solution's source, fetched only after the learner's first pass. */
    reference: string;
    /** The starter path the downloaded file replaces, e.g. `exercises/01-shape-of-a-service/greet.ts`. */
    starterPath: string;
  }>;
}

/** One test, named as the CLI names it (`describe > … > it`, vitest's fullName). */
export interface TestOutcome {
  name: string;
  /**
   * `local-only`: the test needs something a browser cannot give (a forced
   * garbage collection, …); it counts as neither passed nor failed here and
   * `npm test` runs it.
   */
  state: 'pass' | 'fail' | 'local-only';
  /** For `fail`: the CLI's message (expected/received diff included); for `local-only`: why. */
  message?: string;
  durationMs: number;
}

export type GradeResult =
  | {
      kind: 'graded';
      outcomes: TestOutcome[];
      passed: number;
      failed: number;
      localOnly: number;
      /** Every test that can run here passed. */
      solved: boolean;
      /** Worker start (if this grade started it) + bundle import, and the whole grade, in ms. */
      timings: { loadMs: number; totalMs: number };
    }
  | {
      kind: 'error';
      /**
       * strip: the code does not parse (message has line:col in the learner's file);
       * load: the module threw while loading, or the grader failed to load;
       * timeout: the watchdog stopped a grade that ran too long (an endless loop);
       * crash: the worker died.
       */
      stage: 'strip' | 'load' | 'timeout' | 'crash';
      message: string;
    };

export interface BrowserGrader {
  /** Grades `source` (the learner's whole file, TypeScript) with the exercise's real grader. */
  grade(exercise: string, source: string): Promise<GradeResult>;
  /** Stops the worker (and its PGlite). */
  dispose(): void;
}
