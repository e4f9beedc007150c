/**
 * Exercises that try to get around their grader, graded the way `npm test`
 * grades (runVitest on the learner target), each put in place of a real
 * exercise with WORKBOOK_SUBSTITUTE: none may pass, each says why. Also an
 * unhandled rejection fails its test and console output is captured.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { runVitest, type ModuleResult, type RunResult } from '../../src/workbook/grading/run-vitest.ts';
import { substitute, type Substitutes } from '../../src/workbook/grading/substitute.ts';

const exercise = (name: string) => exercises.find((e) => e.name === name)!;
const source = (name: string, dir: 'solutions' | 'exercises') =>
  readFileSync(dir === 'solutions' ? paths.solution(exercise(name)) : paths.starter(exercise(name)), 'utf8');

const WRONG_GREET = `export const MAX_NAME_CHARACTERS = 50;
export function greet(_request: Request): Response {
  return new Response('nope', { status: 500 });
}
`;

const sources = {
  // Without the lock this wrong answer passed all 12 greet tests.
  'hono-urlconf': `import { chai } from 'vitest';\nchai.Assertion.prototype.assert = () => {};\n${source('hono-urlconf', 'exercises')}`,
  // A test skipped from inside the code under test used to count as not failed.
  compose: `import { TestRunner } from 'vitest';
export function compose(..._middlewares: unknown[]) {
  return () => async () => {
    (TestRunner.getCurrentTest() as any)?.context.skip();
    return new Response();
  };
}
`,
  // it.only in the exercise turned every grader test into a skipped one.
  'request-id': `import { it } from 'vitest';\nit.only('passes', () => {});\n${source('request-id', 'exercises')}`,
  // The reference answer, plus a promise nobody awaits and some print-debugging.
  greet: source('greet', 'solutions').replace(
    'export function greet(request: Request): Response {',
    `export function greet(request: Request): Response {\n  console.log('greet got', request.url);\n  if (request.url.includes('Linus')) Promise.reject(new Error('lost in greet'));`,
  ),
  // A rejection nobody handles while the module loads.
  router: `console.log('router loading');\nPromise.reject(new Error('lost while loading'));\n${source('router', 'solutions')}`,
};

let run: RunResult;
let subs: Substitutes;
const module = (name: string): ModuleResult => run.modules.find((m) => m.file === paths.grader(exercise(name)))!;
const passed = (m: ModuleResult) => m.tests.filter((t) => t.state === 'passed').length;

beforeAll(async () => {
  subs = substitute(sources);
  run = await runVitest({ target: 'exercises', files: Object.keys(sources).map((n) => paths.grader(exercise(n))), env: subs.env });
}, 60_000);
afterAll(() => subs?.remove());

describe('an exercise cannot switch its grader off', () => {
  it('all files were graded', () => {
    expect(run.crash).toBeUndefined();
    expect(run.timedOut).toEqual([]);
    expect(run.modules).toHaveLength(5);
  });

  it('patching chai.Assertion.prototype makes the exercise fail to load, naming the property', () => {
    const m = module('hono-urlconf');
    expect(m.moduleErrors[0]?.message).toMatch(/chai\.Assertion\.prototype\.assert belongs to the grader/);
    expect(passed(m)).toBe(0);
  });

  it('a test skipped by the code under test counts as failed', () => {
    const m = module('compose');
    expect(m.tests.length).toBeGreaterThan(0);
    expect(m.tests.every((t) => t.state === 'failed')).toBe(true);
    expect(m.tests[0]!.failure?.message).toMatch(/skipped while it ran/);
  });

  it('it.only in the exercise fails instead of skipping the grader', () => {
    const m = module('request-id');
    expect(passed(m)).toBe(0);
    expect(m.tests.find((t) => t.state === 'failed')?.failure?.message).toMatch(/Unexpected \.only/);
  });
});

describe('an unhandled rejection fails the exercise', () => {
  it('fails the test during which it surfaced, with its message and location', () => {
    const m = module('greet');
    const failed = m.tests.filter((t) => t.state === 'failed');
    // Only the grader's parallel-requests test asks for "Linus": exactly that test fails, none other.
    expect(failed).toHaveLength(1);
    expect(failed[0]!.name).toMatch(/^greet > answers every request with a fresh body/);
    expect(failed[0]!.failure?.message).toMatch(/A promise rejected and nothing awaited or caught it during this test: lost in greet/);
    // The rejection's own stack, not the setup file that reported it (the stand-in lives under node_modules,
    // so the first frame shown is the grader's call; a real exercise's frame would come first).
    expect(failed[0]!.failure?.location).toMatch(/greet\.test\.ts:\d+:\d+$/);
  });

  it('while the module loads, fails the file', () => {
    const m = module('router');
    const problem = m.moduleErrors[0]?.message ?? m.tests.find((t) => t.state === 'failed')?.failure?.message;
    expect(problem).toMatch(/while the exercise was loading: lost while loading/);
    expect(passed(m)).toBe(0);
  });
});

describe("the exercise's console output", () => {
  it('is kept per file, in order, including what printed while loading', () => {
    expect(module('greet').logs).toMatch(/^greet got http:\/\/workbook\.test\/greet\?name=Ada\n/);
    expect(module('router').logs).toBe('router loading\n');
    expect(module('compose').logs).toBeUndefined();
  });
});
