import { describe, expect, it } from 'vitest';
import { exercises, findChapter, findExercises } from '../../src/curriculum.ts';
import { missingFileReport, report } from '../../src/workbook/grading/status.ts';
import type { RunResult } from '../../src/workbook/grading/run-vitest.ts';
import { recordQueries, type RecordedQuery } from '../../src/workbook/testing/recorder.ts';

const greet = exercises.find((e) => e.name === 'greet')!;
const file = 'test/01-shape-of-a-service/greet.test.ts';
const run = (tests: { name: string; state: 'passed' | 'failed' }[], moduleErrors: { message: string }[] = []): RunResult => ({
  modules: [{ type: 'module-end', project: 'exercises', file, moduleErrors, tests: tests.map((t) => ({ ...t, failure: t.state === 'failed' ? { message: 'boom' } : undefined })) }],
  timedOut: [],
});

const typeProblem = { file: 'exercises/01-shape-of-a-service/greet.ts', line: 31, column: 9, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." };
const typesBad = { ok: false, problems: [typeProblem, { ...typeProblem, line: 40 }], ms: 900 };
const typesOk = { ok: true, problems: [], ms: 900 };

describe('exercise status', () => {
  it('is solved only when every test passes', () => {
    expect(report(greet, run([{ name: 'a', state: 'passed' }]), false).status).toBe('solved');
    expect(report(greet, run([{ name: 'a', state: 'passed' }, { name: 'b', state: 'failed' }]), false)).toMatchObject({ status: 'failing', passed: 1, total: 2, firstFailure: { test: 'b' } });
  });

  it('is "not started" while the file is the untouched starter', () => {
    expect(report(greet, run([{ name: 'a', state: 'failed' }]), true).status).toBe('not started');
  });

  it('reports a file that does not load (syntax error) against its exercise', () => {
    const r = report(greet, run([], [{ message: 'Transform failed: exercises/x.ts:3:9: Expected ";"' }]), false);
    expect(r).toMatchObject({ status: 'error', firstFailure: { detail: { message: expect.stringContaining('x.ts:3:9') } } });
  });

  it('reports a stuck file as timed out', () => {
    // A variable, not a literal: runners before stop reasons had no `reason` field, and one without it means a loop.
    const stuck = { project: 'exercises', file, reason: 'loop' as const };
    expect(report(greet, { modules: [], timedOut: [stuck] }, false).status).toBe('timeout');
  });

  it('never calls an exercise with no tests solved', () => {
    expect(report(greet, run([]), false).status).toBe('failing');
  });

  it('is "does not type-check", not solved, when every test passes but tsc rejects the file', () => {
    const r = report(greet, run([{ name: 'a', state: 'passed' }]), false, typesBad);
    expect(r).toMatchObject({ status: 'does not type-check', typeProblem, typeProblems: 2 });
    expect(report(greet, run([{ name: 'a', state: 'passed' }]), false, typesOk).status).toBe('solved');
  });

  it('keeps the first failing test beside the type problem, and an untouched starter "not started"', () => {
    const failing = run([{ name: 'a', state: 'passed' }, { name: 'b', state: 'failed' }]);
    expect(report(greet, failing, false, typesBad)).toMatchObject({ status: 'does not type-check', firstFailure: { test: 'b' } });
    expect(report(greet, failing, true, typesBad).status).toBe('not started');
  });

  it('says why the runner stopped a file: hung (loop, never-settling await) or crashed (memory, worker)', () => {
    const stopped = (reason: 'loop' | 'never-settles' | 'out-of-memory' | 'crash', detail?: string) =>
      report(greet, { modules: [], timedOut: [{ project: 'exercises', file, reason, detail } as RunResult['timedOut'][number]] }, false);
    expect(stopped('loop')).toMatchObject({ status: 'timeout', stopped: 'loop', firstFailure: { detail: { message: expect.stringMatching(/never gave control back.*loop that never ends/), location: 'exercises/01-shape-of-a-service/greet.ts' } } });
    expect(stopped('never-settles')).toMatchObject({ status: 'timeout', firstFailure: { detail: { message: expect.stringMatching(/never settles/) } } });
    expect(stopped('out-of-memory', 'heap limit reached')).toMatchObject({ status: 'crashed', firstFailure: { detail: { message: expect.stringMatching(/out of memory[\s\S]*What was seen: heap limit reached\./) } } });
    expect(stopped('crash').status).toBe('crashed');
    const printed = { project: 'exercises', file, reason: 'loop' as const, logs: 'before the loop\n' };
    expect(report(greet, { modules: [], timedOut: [printed] }, false).logs).toBe('before the loop\n');
  });

  it('carries the console output the runner captured', () => {
    const withLogs: RunResult = { ...run([{ name: 'b', state: 'failed' }]) };
    Object.assign(withLogs.modules[0]!, { logs: 'debug: name is undefined\n' });
    expect(report(greet, withLogs, false).logs).toBe('debug: name is undefined\n');
    expect(report(greet, run([{ name: 'b', state: 'failed' }]), false).logs).toBeUndefined();
  });

  it('names a missing exercise file and the command that restores it', () => {
    expect(missingFileReport(greet)).toMatchObject({
      status: 'file missing',
      reason: expect.stringMatching(/exercises\/01-shape-of-a-service\/greet\.ts is missing.*npm run reset greet/),
    });
  });

  it('is "not graded" when the run never reached the exercise', () => {
    expect(report(greet, { modules: [], timedOut: [] }, false)).toMatchObject({ status: 'not graded', reason: expect.stringContaining(file) });
  });
});

describe('selecting exercises', () => {
  it('narrows by chapter number, chapter slug or exercise name', () => {
    expect(findExercises('01').map((e) => e.name)).toEqual(['greet', 'invoice-detail']);
    expect(findExercises('1').map((e) => e.name)).toEqual(['greet', 'invoice-detail']);
    expect(findExercises('02-routing').map((e) => e.name)).toEqual(['router', 'hono-urlconf']);
    expect(findExercises('routing').map((e) => e.name)).toEqual(['router', 'hono-urlconf']);
    expect(findExercises('router').map((e) => e.name)).toEqual(['router']);
    expect(findExercises('nothing-like-this')).toEqual([]);
  });

  it('matches names in any case, an exact name before a part of other names', () => {
    expect(findExercises('GREET').map((e) => e.name)).toEqual(['greet']);
    expect(findExercises('Invoice-Page').map((e) => e.name)).toEqual(['invoice-page']);
    expect(findExercises('invoice-').map((e) => e.name)).toEqual(['invoice-detail', 'invoice-page', 'invoice-search']);
  });

  it('finds no exercise in a reading chapter, but still knows the chapter', () => {
    expect(findExercises('08')).toEqual([]);
    expect(findChapter('08')?.slug).toBe('08-habits-to-unlearn');
    expect(findChapter('0')).toBeUndefined();
  });
});

describe('recordQueries', () => {
  it('records text and values apart, for the pool and for checked-out clients', async () => {
    const log: RecordedQuery[] = [];
    const fake = {
      query: async (text: string, _values?: readonly unknown[]) => ({ rows: [{ text }], rowCount: 1 }),
      connect: async () => ({ query: async (_text: string, _values?: readonly unknown[]) => ({ rows: [], rowCount: 0 }), release() {} }),
    };
    const db = recordQueries(fake, log);
    await db.query('SELECT $1', [1]);
    const client = await db.connect();
    await client.query('BEGIN');
    expect(log).toEqual([{ text: 'SELECT $1', values: [1] }, { text: 'BEGIN', values: [] }]);
  });
});
