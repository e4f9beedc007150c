/**
 * A vitest reporter that prints nothing and sends structured events to its
 * parent process over IPC. Rendering belongs to the CLI, which also keeps a
 * watchdog over the run (a synchronous infinite loop blocks vitest itself).
 */
import { relative } from 'node:path';
import type { Reporter, TestModule, TestCase } from 'vitest/node';
import type { FailureDetail, GradingEvent, TestOutcome } from './events.ts';

const root = process.cwd();

function send(event: GradingEvent) {
  process.send?.(event);
}

function detail(error: any): FailureDetail {
  const frames: string = error?.stack ?? '';
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

function outcome(test: TestCase): TestOutcome {
  const result = test.result();
  const name = test.fullName;
  if (result.state === 'failed') return { name, state: 'failed', failure: detail(result.errors[0]) };
  return { name, state: result.state };
}

export default class EventReporter implements Reporter {
  onTestModuleStart(module: TestModule) {
    send({ type: 'module-start', project: module.project.name, file: relative(root, module.moduleId) });
  }

  onTestCaseResult(test: TestCase) {
    send({ type: 'test-end', project: test.project.name, file: relative(root, test.module.moduleId) });
  }

  onTestModuleEnd(module: TestModule) {
    send({
      type: 'module-end',
      project: module.project.name,
      file: relative(root, module.moduleId),
      moduleErrors: module.errors().map(detail),
      tests: [...module.children.allTests()].map(outcome),
    });
  }

  onWatcherRerun(files: string[]) {
    send({ type: 'rerun', files: files.map((f) => relative(root, f)) });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<unknown>) {
    send({ type: 'run-end', unhandled: unhandled.map(detail) });
  }
}
