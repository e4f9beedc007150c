import { describe, expect, it } from 'vitest';
import { exercises, findExercises } from '../../src/curriculum.ts';
import { parseArgs } from '../../src/workbook/cli/args.ts';
import { report } from '../../src/workbook/grading/status.ts';
import type { RunResult } from '../../src/workbook/grading/run-vitest.ts';
import { recordQueries, type RecordedQuery } from '../../src/workbook/testing/recorder.ts';

const greet = exercises.find((e) => e.name === 'greet')!;
const file = 'test/01-shape-of-a-service/greet.test.ts';
const run = (tests: { name: string; state: 'passed' | 'failed' }[], moduleErrors: { message: string }[] = []): RunResult => ({
  modules: [{ type: 'module-end', project: 'exercises', file, moduleErrors, tests: tests.map((t) => ({ ...t, failure: t.state === 'failed' ? { message: 'boom' } : undefined })) }],
  timedOut: [],
});

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
    expect(report(greet, { modules: [], timedOut: [{ project: 'exercises', file }] }, false).status).toBe('timeout');
  });

  it('never calls an exercise with no tests solved', () => {
    expect(report(greet, run([]), false).status).toBe('failing');
  });
});

describe('selecting exercises', () => {
  it('narrows by chapter number, chapter slug or exercise name', () => {
    expect(findExercises('01').map((e) => e.name)).toEqual(['greet', 'invoice-detail']);
    expect(findExercises('02-routing').map((e) => e.name)).toEqual(['router', 'hono-urlconf']);
    expect(findExercises('router').map((e) => e.name)).toEqual(['router']);
    expect(findExercises('nothing-like-this')).toEqual([]);
  });

  it('parses --db and --strict and rejects unknown options', () => {
    expect(parseArgs(['greet', '--db=pglite', '--strict'])).toEqual({ query: 'greet', db: 'pglite', strict: true });
    expect(() => parseArgs(['--db=sqlite'])).toThrow();
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
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
