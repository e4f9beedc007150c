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
  | { type: 'module-start'; project: string; file: string }
  /** One test finished: the file is making progress (the watchdog's heartbeat). */
  | { type: 'test-end'; project: string; file: string }
  | {
      type: 'module-end';
      project: string;
      file: string;
      /** Errors outside any test: syntax errors, failed imports, hook failures. */
      moduleErrors: FailureDetail[];
      tests: TestOutcome[];
    }
  | { type: 'run-end'; unhandled: FailureDetail[] }
  | { type: 'rerun'; files: string[] };
