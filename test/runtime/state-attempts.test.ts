/**
 * What a lead reads in `npm run report` must mean something: an attempt is
 * a grading after the exercise's files changed, a first solve is never
 * erased, and a run that did not really grade an exercise changes nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import type { ExerciseReport, Status } from '../../src/workbook/grading/status.ts';
import { recordRun } from '../../src/workbook/progress.ts';
import { pristineStarter } from '../../src/workbook/starters.ts';
import { openState, stateFile } from '../../src/workbook/state.ts';

const greet = exercises.find((e) => e.name === 'greet')!;
let root: string;
let warnings: string[];
let clock: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'workbook-attempts-'));
  for (const f of pristineStarter(greet)!) {
    mkdirSync(join(root, dirname(f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  warnings = [];
  clock = Date.parse('2026-03-02T09:00:00.000Z');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** One grading of greet as `npm test` would record it, a minute after the previous one. */
function grade(status: Status) {
  clock += 60_000;
  const report: ExerciseReport = { exercise: greet, status, passed: status === 'solved' ? 12 : 3, total: 12 };
  return recordRun([report], { root, now: new Date(clock), warn: (l) => warnings.push(l) });
}
const edit = (text: string) => writeFileSync(join(root, paths.starter(greet)), text);
const greetState = () => openState(root, () => {}).state.exercises.greet;

describe('attempts', () => {
  it('grading the untouched starter, however often, is no attempt', () => {
    grade('not started');
    grade('not started');
    expect(greetState()).toMatchObject({ attempts: 0 });
    expect(greetState()?.firstAttemptAt).toBeUndefined();
  });

  it('re-grading unchanged files (watch re-runs, a second npm test) is not a new attempt', () => {
    edit('export const x = 1;\n');
    grade('failing');
    grade('failing');
    grade('failing');
    expect(greetState()).toMatchObject({ attempts: 1 });
    edit('export const x = 2;\n');
    grade('solved');
    grade('solved');
    expect(greetState()).toMatchObject({ attempts: 2, attemptsToFirstSolve: 2 });
  });

  it('a first-try solve is one attempt, solved on attempt 1, however many runs follow', () => {
    edit('export const answer = true;\n');
    for (let i = 0; i < 7; i++) grade('solved');
    expect(greetState()).toMatchObject({ attempts: 1, attemptsToFirstSolve: 1, firstAttemptAt: '2026-03-02T09:01:00.000Z', firstSolvedAt: '2026-03-02T09:01:00.000Z' });
  });

  it('line endings alone are not a change: a CRLF copy of the same text is the same attempt', () => {
    edit('export const x = 1;\n');
    grade('failing');
    edit('export const x = 1;\r\n');
    grade('failing');
    expect(greetState()).toMatchObject({ attempts: 1 });
  });
});

describe('first solve and current status', () => {
  it('a later failure clears the current solve but never the first one', () => {
    edit('export const a = 1;\n');
    grade('solved');
    edit('export const a = 2;\n');
    grade('failing');
    expect(greetState()).toMatchObject({ attempts: 2, firstSolvedAt: '2026-03-02T09:01:00.000Z', attemptsToFirstSolve: 1 });
    expect(greetState()?.solvedAt).toBeUndefined();
  });

  it('a run that did not grade the exercise changes nothing: not graded, file missing', () => {
    edit('export const a = 1;\n');
    grade('solved');
    const before = readFileSync(stateFile(root), 'utf8');
    grade('not graded');
    grade('file missing');
    expect(readFileSync(stateFile(root), 'utf8')).toBe(before);
  });

  it('unchanged solved files that now fail to load, hang or crash (WORKBOOK_DB=postgres, a busy machine) keep solvedAt', () => {
    edit('export const a = 1;\n');
    grade('solved');
    grade('error');
    grade('timeout');
    grade('crashed');
    expect(greetState()).toMatchObject({ attempts: 1, solvedAt: '2026-03-02T09:01:00.000Z' });
  });

  it('a changed file that fails to load is a real attempt and a real failure', () => {
    edit('export const a = 1;\n');
    grade('solved');
    edit('export const a = ;\n');
    grade('error');
    expect(greetState()).toMatchObject({ attempts: 2, firstSolvedAt: '2026-03-02T09:01:00.000Z' });
    expect(greetState()?.solvedAt).toBeUndefined();
  });
});

describe('a state from before attempts were counted by content', () => {
  it('keeps its attempts and does not count its first re-grade again', () => {
    mkdirSync(dirname(stateFile(root)), { recursive: true });
    writeFileSync(stateFile(root), JSON.stringify({ exercises: { greet: { hintsShown: 0, attempts: 7, solvedAt: '2026-03-01T09:00:00.000Z' } } }));
    edit('export const a = 1;\n');
    grade('solved');
    expect(greetState()).toMatchObject({ attempts: 7, solvedAt: '2026-03-01T09:00:00.000Z', firstSolvedAt: '2026-03-01T09:00:00.000Z' });
    expect(warnings).toEqual([]);
  });
});

describe('state problems never hide the grade', () => {
  it('with .workbook as a file, recordRun still returns where the learner is, and says why nothing was saved', () => {
    writeFileSync(join(root, '.workbook'), '');
    edit('export const a = 1;\n');
    const overall = grade('solved');
    expect(overall.solved).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('.workbook is a file');
  });
});
