/**
 * Exercises that hang or blow up, graded the way `npm test` grades them
 * (runVitest, resuming after a stop), put in place of real exercises with
 * WORKBOOK_SUBSTITUTE. Each is stopped with its reason; the untouched starter
 * graded beside them is still graded. Limits are shortened to keep this
 * quick; they still grow with the machine's load, as in real use.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { runVitest, type RunResult } from '../../src/workbook/grading/run-vitest.ts';
import { substitute, type Substitutes } from '../../src/workbook/grading/substitute.ts';

const grader = (name: string) => paths.grader(exercises.find((e) => e.name === name)!);

const sources = {
  greet: `export const MAX_NAME_CHARACTERS = 50;\nconsole.log('about to loop', { n: 1 });\nwhile (true) {}\nexport function greet(): Response {\n  return new Response();\n}\n`,
  compose: `export function compose(..._middlewares: unknown[]) {\n  return () => async () => {\n    for (;;) {}\n  };\n}\n`,
  router: `console.log('waiting forever');\nawait new Promise(() => {});\nexport function createRouter() {}\n`,
  'request-id': `const kept: number[][] = [];\nexport function requestId() {\n  for (;;) kept.push(new Array(100_000).fill(1));\n}\nexport const REQUEST_ID_HEADER = 'X-Request-Id';\n`,
};
const control = 'hono-urlconf';

let run: RunResult;
let subs: Substitutes;
const stopped = (name: string) => run.timedOut.find((t) => t.file === grader(name));

beforeAll(async () => {
  subs = substitute(sources);
  run = await runVitest({
    target: 'exercises',
    files: [...Object.keys(sources), control].map(grader),
    env: subs.env,
    limits: { loopMs: 1_000, importMs: 2_000 },
    resumeAfterTimeout: true,
  });
}, 120_000);
afterAll(() => subs?.remove());

it('stops a top-level while (true) {} as a loop, soon after its limit, with what it printed first', () => {
  expect(stopped('greet')).toMatchObject({ reason: 'loop', logs: 'about to loop { n: 1 }\n' });
  // ranMs counts from the worker taking the file up: the import before the loop, the limit, a tick or two.
  expect(stopped('greet')!.ranMs).toBeLessThan(stopped('greet')!.limitMs! + 5_000);
});

it('stops a loop inside a test as a loop', () => {
  expect(stopped('compose')).toMatchObject({ reason: 'loop', detail: expect.stringMatching(/loop that never ends/) });
});

it('stops a top-level await that never settles as never-settles, with what it printed', () => {
  expect(stopped('router')).toMatchObject({ reason: 'never-settles', detail: expect.stringMatching(/top-level await/), logs: 'waiting forever\n' });
});

it('stops a runaway allocation as out of memory', () => {
  expect(stopped('request-id')).toMatchObject({ reason: 'out-of-memory', detail: expect.stringMatching(/memory a test file may use/) });
});

it('still grades the untouched starter beside them, and blames nothing else', () => {
  expect(run.crash).toBeUndefined();
  expect(run.timedOut.map((t) => t.file).sort()).toEqual(Object.keys(sources).map(grader).sort());
  const starter = run.modules.find((m) => m.file === grader(control));
  expect(starter?.tests.length).toBeGreaterThan(0);
});

it('stops the loop in watch mode too (npm run watch shares the runner), and returns', async () => {
  const watched = await runVitest({ target: 'exercises', files: [grader('greet')], env: subs.env, limits: { loopMs: 1_000 }, watch: true });
  expect(watched.timedOut).toMatchObject([{ file: grader('greet'), reason: 'loop' }]);
}, 60_000);
