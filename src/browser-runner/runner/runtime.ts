/**
 * The grading runtime in the browser worker: vitest's own test runner (the
 * `startTests` the CLI's workers call, from `vitest/internal/browser`) with
 * vitest's own describe/it/hooks/expect/vi, so a grader runs here with the
 * CLI's semantics — hook order, per-test timeout, `.each` titles, mock
 * clearing between tests, fake timers — and gives the CLI's test names and
 * failure messages. What vitest's Node worker adds around it (a module
 * runner, snapshots, RPC to the main process) is replaced by the small
 * VitestRunner below: a grader is an ES module whose import registers its
 * tests.
 */
import { config, hadProcess, TEST_TIMEOUT_MS } from './vitest-env.ts';
import { createExpect, vi } from 'vitest';
import { setupCommonEnv, startTests } from 'vitest/internal/browser';
import '../../workbook/grading/guard-setup.ts';
import { LOCAL_ONLY_ERROR } from './local-only.ts';
import { install as installUnhandled, registerHooks as registerUnhandledHooks } from './unhandled.ts';
import { install as installWatchers } from '../twins/watchers.ts';
import type { TestOutcome } from '../contract.ts';

// vitest has read it (tinyrainbow chose plain text); graders and learners must see a browser.
if (!hadProcess) delete (globalThis as any).process;

const GLOBAL_EXPECT = Symbol.for('expect-global');
const ASSERTION_STATE = { assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null };

/** The one setup file of the browser project: unhandled.ts's hooks (heartbeat and guard have no per-file part here). */
const UNHANDLED_SETUP = 'setup:unhandled';
config.setupFiles = [UNHANDLED_SETUP];

/** Done once per worker: vitest's safe timers (taken before any grader fakes them) and the unhandled-error listeners. */
const ready = (async () => {
  await setupCommonEnv(config as any);
  installUnhandled();
  installWatchers();
})();

export { TEST_TIMEOUT_MS };

interface Task { type: 'test' | 'suite'; name: string; mode: string; tasks?: Task[]; result?: { state?: string; duration?: number; errors?: { name?: string; message?: string; stack?: string }[] } }

function leaves(tasks: Task[], path: string[] = []): { name: string; task: Task }[] {
  return tasks.flatMap((task) => (task.type === 'suite' ? leaves(task.tasks ?? [], [...path, task.name]) : [{ name: [...path, task.name].join(' > '), task }]));
}

/** vitest's TestCase.fullName and the CLI reporter's verdict (src/workbook/grading/event-reporter.ts), for one test. */
function outcome(name: string, task: Task): TestOutcome {
  const durationMs = task.result?.duration ?? 0;
  const error = task.result?.errors?.[0];
  if (task.result?.state === 'fail') {
    if (error?.name === LOCAL_ONLY_ERROR) return { name, state: 'local-only', message: error.message, durationMs };
    return { name, state: 'fail', message: String(error?.message ?? error), durationMs };
  }
  if (task.result?.state === 'pass') return { name, state: 'pass', durationMs };
  // Only code running inside the test can skip it (ctx.skip(), a forged "pending" error): as on the CLI, a failure.
  return { name, state: 'fail', message: 'This test was skipped while it ran: the code under test must not skip or abort the grader\'s tests.', durationMs };
}

export interface RunOptions {
  /** Imports the grader's module (a fresh instance per run): importing it registers its tests. */
  importGrader: () => Promise<unknown>;
  /** Called as each test starts (the worker's heartbeat names it). */
  onTestStart?: (name: string) => void;
}

export interface RunResult {
  outcomes: TestOutcome[];
  /** The grader (and the learner's module it imports) failed to load: vitest's file error. */
  loadError?: string;
  loadMs: number;
  /** When the grader finished importing, in epoch ms (performance.timeOrigin + now). */
  loadedAt?: number;
}

export async function runGrader({ importGrader, onTestStart }: RunOptions): Promise<RunResult> {
  await ready;
  const started = performance.now();
  let loadMs = 0;
  let loadedAt: number | undefined;
  const fullNames = new WeakMap<object, string>();
  const runner = {
    config,
    async importFile(_filepath: string, source: 'setup' | 'collect') {
      if (source === 'setup') return registerUnhandledHooks();
      await importGrader();
      loadMs = performance.now() - started;
      loadedAt = performance.timeOrigin + performance.now();
    },
    onCollected(files: Task[]) {
      for (const file of files) for (const { name, task } of leaves(file.tasks ?? [])) fullNames.set(task, name);
    },
    onBeforeRunTask(test: Task) {
      onTestStart?.(fullNames.get(test) ?? test.name);
    },
    // vitest's TestRunner.onBeforeTryTask: configDefaults.clearMocks, a fresh assertion count.
    onBeforeTryTask(test: Task) {
      vi.clearAllMocks();
      (globalThis as any)[GLOBAL_EXPECT].setState({ ...ASSERTION_STATE, currentTestName: fullNames.get(test) ?? test.name });
    },
    // …and its onAfterTryTask: expect.assertions(n) / expect.hasAssertions().
    onAfterTryTask(test: any) {
      const expect = test.context?._local ? test.context.expect : (globalThis as any)[GLOBAL_EXPECT];
      const s = expect.getState();
      if (s.expectedAssertionsNumber !== null && s.assertionCalls !== s.expectedAssertionsNumber) throw s.expectedAssertionsNumberErrorGen();
      if (s.isExpectingAssertions === true && s.assertionCalls === 0) throw s.isExpectingAssertionsError;
    },
    // …and its extendTaskContext: `({ expect }) =>` in a test gets an expect bound to that test.
    extendTaskContext(context: any) {
      let local: unknown;
      Object.defineProperty(context, 'expect', { get: () => (local ??= createExpect(context.task)) });
      Object.defineProperty(context, '_local', { get: () => local != null });
      return context;
    },
  };
  const [file] = (await startTests(['/grader.test.ts'], runner as any)) as unknown as Task[];
  const fileErrors = file?.result?.errors ?? [];
  const tests = leaves(file?.tasks ?? []);
  if (tests.length === 0 && fileErrors.length) return { outcomes: [], loadError: String(fileErrors[0]?.message ?? fileErrors[0]), loadMs, loadedAt };
  return { outcomes: tests.map(({ name, task }) => outcome(name, task)), loadMs, loadedAt };
}
