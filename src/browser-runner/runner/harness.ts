/**
 * The smallest describe/it/expect that runs the workbook's graders in a
 * browser worker. A grader bundle imports `vitest`; bundle-grader.ts maps
 * that import to vitest-shim.ts, which re-exports this module. `expect` is
 * @vitest/expect — the same package, same version, vitest's CLI bundles — so
 * a failing assertion gives the learner the same message in the browser as in
 * the terminal. Only what graders use is here: describe, it/test, .each,
 * expect. Hooks, .only/.skip, mocks and snapshots are not (a grader using them
 * fails to bundle or throws at collection, loudly).
 */
import * as chai from 'chai';
import { ASYMMETRIC_MATCHERS_OBJECT, ChaiStyleAssertions, getState, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from '@vitest/expect';
import { format } from '@vitest/utils/display';
import { processError } from '@vitest/utils/error';
import { disableDefaultColors } from 'tinyrainbow';

// With no `process`, tinyrainbow assumes a colour terminal: messages would carry ANSI codes.
disableDefaultColors();

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);

/** vitest's global `expect`, minus what needs its worker state (poll, snapshots, soft). */
export const expect = ((value: unknown, message?: string) => {
  const { assertionCalls } = getState(expect);
  setState({ assertionCalls: assertionCalls + 1 }, expect);
  return chai.expect(value, message);
}) as any;
Object.assign(expect, chai.expect);
Object.assign(expect, (globalThis as any)[ASYMMETRIC_MATCHERS_OBJECT]);
expect.getState = () => getState(expect);
expect.setState = (state: object) => setState(state, expect);
// chai.expect.extend exists at run time (JestExtend adds it); chai's types do not know it.
expect.extend = (matchers: object) => (chai.expect as any).extend(expect, matchers);
expect.assert = chai.assert;
setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null }, expect);

type Body = () => unknown;
interface Test { name: string; body: Body }

/** Tests in the order vitest collects them: describe bodies run at once, names joined by " > " as vitest's fullName. */
const tests: Test[] = [];
const path: string[] = [];

export function describe(name: string, body: () => void): void {
  path.push(name);
  try {
    body();
  } finally {
    path.pop();
  }
}

/** vitest's title formatting for .each: %# and %$ are the index, the rest is printf-like (@vitest/utils format). */
function title(template: string, items: unknown[], index: number): string {
  const indexed = template.replace(/%%/g, '\u0000').replace(/%#/g, String(index)).replace(/%\$/g, String(index + 1)).replace(/\u0000/g, '%%');
  const count = indexed.split('%').length - 1;
  return format([indexed, ...items.slice(0, count)]);
}

function addTest(name: string, body: Body) {
  tests.push({ name: [...path, name].join(' > '), body });
}

export const it = Object.assign(addTest, {
  each:
    (cases: readonly unknown[]) =>
    (template: string, body: (...args: any[]) => unknown) =>
      cases.forEach((row, index) => {
        const args = Array.isArray(row) ? row : [row];
        addTest(title(template, args, index), () => body(...args));
      }),
});
export const test = it;

export interface Outcome {
  name: string;
  state: 'passed' | 'failed';
  /** Shaped like the CLI's FailureDetail (src/workbook/grading/events.ts). */
  failure?: { message: string; expected?: string; actual?: string };
  ms: number;
}

/** Runs every collected test in order, one at a time, as vitest runs a file's tests (no concurrency). */
export async function runCollected(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const { name, body } of tests) {
    const start = performance.now();
    try {
      await body();
      outcomes.push({ name, state: 'passed', ms: performance.now() - start });
    } catch (thrown) {
      // processError renders expected/actual as vitest's reporter does (the diff's two sides).
      const error = processError(thrown) as { message?: string; expected?: string; actual?: string };
      // The message alone, as the CLI's reporter (src/workbook/grading/event-reporter.ts) keeps it.
      const message = String(error?.message ?? thrown);
      outcomes.push({ name, state: 'failed', failure: { message, expected: error.expected, actual: error.actual }, ms: performance.now() - start });
    }
  }
  return outcomes;
}
