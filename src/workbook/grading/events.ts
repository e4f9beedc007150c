/** What the vitest reporter tells the grading CLI, one message per event. */

export interface FailureDetail {
  message: string;
  expected?: string;
  actual?: string;
  /** "exercises/…/file.ts:12:5" — the first frame outside node_modules. */
  location?: string;
}

export interface TestOutcome {
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  failure?: FailureDetail;
}

export type GradingEvent =
  /** A worker took the file up: it is about to import it (and the exercise). The watchdog starts here. */
  | { type: 'module-queued'; project: string; file: string }
  /** The file and the exercise it imports loaded; its tests are known. */
  | { type: 'module-collected'; project: string; file: string }
  | { type: 'module-start'; project: string; file: string }
  /** One test finished: the file is making progress. */
  | { type: 'test-end'; project: string; file: string }
  | {
      type: 'module-end';
      project: string;
      file: string;
      /** Errors outside any test: syntax errors, failed imports, hook failures, a locked grader property. */
      moduleErrors: FailureDetail[];
      tests: TestOutcome[];
      /**
       * What the test file and the code it imports wrote to the console (stdout and stderr, in order),
       * at most LOG_LIMIT_BYTES (4 KB), then "… (N more bytes)".
       */
      logs?: string;
    }
  /** Console output of a running file as it comes (up to the cap), so a file stopped mid-run still shows what it printed. */
  | { type: 'console'; project: string; file: string; content: string }
  /**
   * A worker thread died with an error of its own (not a test failure): `worker` is the name its
   * heartbeat file has, so the CLI knows which file it was running. ERR_WORKER_OUT_OF_MEMORY is the
   * one that matters: the file's code ran out of memory.
   */
  | { type: 'worker-error'; worker: string; code?: string; message: string }
  | { type: 'run-end'; unhandled: FailureDetail[] }
  | { type: 'rerun'; files: string[] };
