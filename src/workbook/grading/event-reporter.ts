/**
 * A vitest reporter that prints nothing and sends structured events to its
 * parent process (the grading CLI, run-vitest.ts) over IPC. Rendering belongs
 * to the CLI, which also keeps a watchdog over the run.
 *
 * It runs in vitest's main process, next to the worker threads, so it also:
 *   - collects what each test file printed (console.log in the exercise),
 *   - reports a worker thread that died (out of memory) by its name,
 *   - ends vitest when the CLI is gone (see `disconnect` below).
 */
import { relative } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import type { FailureDetail, GradingEvent, TestOutcome } from './events.ts';
import { capLog, LOG_LIMIT_BYTES } from './log-cap.ts';

const root = process.cwd();

function send(event: GradingEvent) {
  if (process.connected) process.send?.(event);
}

// The CLI gone (closed terminal, killed) means nobody will read a result:
// vitest, in its own process group so the CLI can kill it whole, must not
// linger under init. Its workers are threads of this process and end with it.
process.on('disconnect', () => process.exit(1));
// Listening for 'disconnect' refs the IPC channel, which would keep vitest alive after the run until its
// teardown timeout (10 s): the channel must not hold the process open.
process.channel?.unref();

// A worker thread that runs out of heap is terminated by Node with
// ERR_WORKER_OUT_OF_MEMORY; vitest itself only says it "exited unexpectedly".
process.on('worker', (worker: Worker) => {
  const name = `${process.pid}-${worker.threadId}`;
  worker.on('error', (error: Error & { code?: string }) => {
    send({ type: 'worker-error', worker: name, code: error.code, message: error.message });
  });
});

function detail(error: any): FailureDetail {
  const frames: string = typeof error?.stack === 'string' ? error.stack : '';
  const frame = /((?:exercises|solutions|test|src)\/[^\s):]+:\d+:\d+)/.exec(
    frames.split('\n').filter((l) => !l.includes('node_modules')).join('\n').replaceAll(root + '/', ''),
  );
  return {
    message: String(error?.message ?? error).replaceAll(root + '/', ''),
    expected: typeof error?.expected === 'string' ? error.expected : undefined,
    actual: typeof error?.actual === 'string' ? error.actual : undefined,
    location: frame?.[1],
  };
}

const fileOf = (module: TestModule) => relative(root, module.moduleId);
const keyOf = (module: TestModule) => `${module.project.name}::${module.moduleId}`;

export default class EventReporter implements Reporter {
  private vitest?: Vitest;
  /** Tests meant to run, by id, noted when collected: one found skipped at the end was skipped by the code under test. */
  private meantToRun = new Set<string>();
  private logs = new Map<string, string[]>();

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestModuleQueued(module: TestModule) {
    this.logs.set(keyOf(module), []);
    send({ type: 'module-queued', project: module.project.name, file: fileOf(module) });
  }

  onTestModuleCollected(module: TestModule) {
    for (const test of module.children.allTests()) {
      if (test.options.mode === 'run' || test.options.mode === 'only') this.meantToRun.add(test.id);
    }
    send({ type: 'module-collected', project: module.project.name, file: fileOf(module) });
  }

  onTestModuleStart(module: TestModule) {
    send({ type: 'module-start', project: module.project.name, file: fileOf(module) });
  }

  onTestCaseResult(test: TestCase) {
    send({ type: 'test-end', project: test.project.name, file: fileOf(test.module) });
  }

  onUserConsoleLog(log: UserConsoleLog) {
    const module = this.moduleOfLog(log);
    const chunks = module && this.logs.get(keyOf(module));
    if (!module || !chunks) return;
    chunks.push(log.content);
    if (chunks.reduce((bytes, c) => bytes + Buffer.byteLength(c), 0) - Buffer.byteLength(log.content) <= LOG_LIMIT_BYTES) {
      send({ type: 'console', project: module.project.name, file: fileOf(module), content: log.content });
    }
  }

  onTestModuleEnd(module: TestModule) {
    const logs = capLog(this.logs.get(keyOf(module)) ?? []);
    this.logs.delete(keyOf(module));
    send({
      type: 'module-end',
      project: module.project.name,
      file: fileOf(module),
      moduleErrors: module.errors().map(detail),
      tests: [...module.children.allTests()].map((t) => this.outcome(t)),
      ...(logs ? { logs } : {}),
    });
  }

  onWatcherRerun(files: string[]) {
    send({ type: 'rerun', files: files.map((f) => relative(root, f)) });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<unknown>) {
    send({ type: 'run-end', unhandled: unhandled.map(detail) });
  }

  private outcome(test: TestCase): TestOutcome {
    const result = test.result();
    const name = test.fullName;
    if (result.state === 'failed') return { name, state: 'failed', failure: detail(result.errors[0]) };
    if (result.state === 'skipped' && this.meantToRun.has(test.id)) {
      // Only code running inside the test can skip it at run time (ctx.skip(), a forged "pending" error):
      // an exercise must not be able to turn its failures into skips.
      return {
        name,
        state: 'failed',
        failure: { message: 'This test was skipped while it ran: the code under test must not skip or abort the grader\'s tests.' },
      };
    }
    return { name, state: result.state };
  }

  /** The test file a console write came from: vitest tags it with the running test, suite or file. */
  private moduleOfLog(log: UserConsoleLog): TestModule | undefined {
    if (!log.taskId || !this.vitest) return undefined;
    try {
      const entity = this.vitest.state.getReportedEntityById(log.taskId);
      if (!entity) return undefined;
      return entity.type === 'module' ? entity : entity.module;
    } catch {
      return undefined;
    }
  }
}
