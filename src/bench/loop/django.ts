/**
 * The feedback-loop comparison: the same grader as a Django TestCase
 * (src/bench/django/benchtests/, same rows, same assertions) run with
 * `manage.py test`, against vitest running the TypeScript grader. Both are
 * timed as a developer feels them: from the command's start to its exit.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runVitest } from '../../workbook/grading/run-vitest.ts';
import type { LocalPostgres } from '../../lib-dev/postgres.ts';
import { venvPython } from '../../lib-dev/python.ts';

const root = resolve(import.meta.dirname, '../../..');
// The project's virtualenv (test/django/requirements.txt), as verify's Django stage uses.
export const PYTHON = venvPython();
const MANAGE = join(root, 'src/bench/django/manage.py');

export interface GraderChoice {
  grader: string;
  /** The exercise's name in the manifest. */
  exercise: string;
  /** The Django twin: a module under src/bench/django/benchtests/. */
  twinModule: string;
  twinFile: string;
  note: string;
}

const CHAPTER3: GraderChoice = {
  grader: 'test/03-sql-first/scoped-invoice.test.ts',
  exercise: 'scoped-invoice',
  twinModule: 'benchtests.test_scoped_invoice',
  twinFile: 'src/bench/django/benchtests/test_scoped_invoice.py',
  note: "chapter 3's owner-scoped invoice-detail grader",
};
const CHAPTER1: GraderChoice = {
  grader: 'test/01-shape-of-a-service/invoice-detail.test.ts',
  exercise: 'invoice-detail',
  twinModule: 'benchtests.test_invoice_detail',
  twinFile: 'src/bench/django/benchtests/test_invoice_detail.py',
  note: "chapter 1's invoice-detail grader",
};

/** Chapter 3's owner-scoped grader when the repository has it; chapter 1's otherwise (and the output says so). */
export function graderChoice(): GraderChoice {
  if (existsSync(join(root, CHAPTER3.grader))) return CHAPTER3;
  return { ...CHAPTER1, note: `${CHAPTER1.note} (${CHAPTER3.grader} does not exist in this checkout)` };
}

export interface TimedRun {
  ms: number;
  /** The tests alone: Django's "Ran N tests in X s"; for vitest, the test file's start to its result (imports and database start-up included). */
  innerMs?: number;
  tests: number;
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; ms: number }> {
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.on('error', (e) => (out += e.message));
    child.on('exit', (code) => resolvePromise({ code, out, ms: performance.now() - t0 }));
  });
}

/** `manage.py test benchtests` on SQLite (in memory) or on the bench's PostgreSQL. */
export async function djangoTest(twinModule: string, pg?: LocalPostgres): Promise<TimedRun> {
  const env: Record<string, string> = pg
    ? { BENCH_DB: 'postgres', BENCH_PG_HOST: '127.0.0.1', BENCH_PG_PORT: String(pg.port), BENCH_PG_NAME: 'bench' }
    : { BENCH_DB: 'sqlite' };
  const r = await run(PYTHON, [MANAGE, 'test', twinModule, '--noinput'], { ...env, PYTHONDONTWRITEBYTECODE: '1' });
  const ran = /Ran (\d+) tests? in ([\d.]+)s/.exec(r.out);
  if (r.code !== 0 || !ran || !/\nOK\b/.test(r.out)) throw new Error(`manage.py test failed (${r.code}):\n${r.out.slice(-3000)}`);
  return { ms: r.ms, innerMs: Number(ran[2]) * 1000, tests: Number(ran[1]) };
}

/** vitest running one grader against the reference solution, spawn to exit. */
export async function vitestOne(grader: string, env: Record<string, string> = {}): Promise<TimedRun> {
  const t0 = performance.now();
  let moduleStart = 0;
  let moduleEnd = 0;
  const result = await runVitest({
    target: 'solutions',
    files: [grader],
    env,
    onEvent(event) {
      if (event.type === 'module-start') moduleStart = performance.now();
      if (event.type === 'module-end') moduleEnd = performance.now();
    },
  });
  const ms = performance.now() - t0;
  const tests = result.modules.flatMap((m) => m.tests);
  if (result.crash || tests.length === 0 || tests.some((t) => t.state === 'failed')) {
    const first = tests.find((t) => t.state === 'failed');
    throw new Error(
      `vitest on ${grader} did not pass: ${result.crash ?? `${tests.filter((t) => t.state === 'failed').length} failed, first: ${first?.failure?.message.split('\n')[0]}`}`,
    );
  }
  // The test file alone: from vitest starting it (imports, database start-up, tests) to its result.
  return { ms, innerMs: moduleEnd - moduleStart, tests: tests.length };
}
