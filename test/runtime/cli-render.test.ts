import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { MAX_LOG_LINES, SCREEN_LINES, renderBrief, renderLogs, renderProblem, renderProgress, renderTable, statusLabel } from '../../src/workbook/cli/render.ts';
import { missingFileReport, type ExerciseReport, type Status } from '../../src/workbook/grading/status.ts';
import type { Overall } from '../../src/workbook/progress.ts';

const plain = (text: string | string[]) => stripVTControlCharacters(Array.isArray(text) ? text.join('\n') : text);
const greet = exercises.find((e) => e.name === 'greet')!;
const overall: Overall = { solved: 0, total: exercises.length, day: 1, lastDay: 10, daySolved: 0, dayTotal: 4 };
const base = (status: Status, extra: Partial<ExerciseReport> = {}): ExerciseReport => ({ exercise: greet, status, passed: 0, total: 12, ...extra });
const typeProblem = { file: 'exercises/01-shape-of-a-service/greet.ts', line: 31, column: 9, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." };
const failure = { test: 'greet > answers 200 with a JSON greeting', detail: { message: 'expected 400 to be 200', location: 'exercises/01-shape-of-a-service/greet.ts:30:9' } };

describe('status labels', () => {
  it('has words for every status and every reason a file was stopped', () => {
    expect(plain(statusLabel(base('does not type-check')))).toBe('✘ type error');
    expect(plain(statusLabel(base('timeout', { stopped: 'loop' })))).toBe('⏱ timed out');
    expect(plain(statusLabel(base('timeout', { stopped: 'never-settles' })))).toBe('⏱ never settles');
    expect(plain(statusLabel(base('crashed', { stopped: 'out-of-memory' })))).toBe('✘ out of memory');
    expect(plain(statusLabel(base('crashed', { stopped: 'crash' })))).toBe('✘ crashed');
    expect(plain(statusLabel(base('file missing')))).toBe('? file missing');
    expect(plain(statusLabel(base('not graded')))).toBe('? not graded');
  });
});

describe('the first thing to fix', () => {
  it('shows the first type error with file:line:column before the first failing test', () => {
    const text = plain(renderProblem(base('does not type-check', { typeProblem, typeProblems: 3, firstFailure: failure })));
    expect(text).toMatch(
      /✘ does not type-check: exercises\/01-shape-of-a-service\/greet\.ts:31:9\n +TS2322: Type 'string' is not assignable to type 'number'\.\n +\(and 2 more type errors[^\n]*\)\n\n +✘ greet > answers 200/,
    );
  });

  it('names a missing file and the reset command, and nothing about vitest', () => {
    const text = plain(renderProblem(missingFileReport(greet)));
    expect(text).toContain('exercises/01-shape-of-a-service/greet.ts is missing');
    expect(text).toContain('npm run reset greet');
    expect(text).not.toContain('@exercise');
  });

  it('shows the learner console output under its own label, capped', () => {
    const logs = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    const text = plain(renderProblem(base('failing', { firstFailure: failure, logs })));
    expect(text).toMatch(/at exercises\/01-shape-of-a-service\/greet\.ts:30:9\n\n {2}your console output:\n {4}line 1\n/);
    expect(text).toContain(`line ${MAX_LOG_LINES}\n`);
    expect(text).not.toContain(`line ${MAX_LOG_LINES + 1}\n`);
    expect(text).toContain(`… (${40 - MAX_LOG_LINES} more lines)`);
    expect(plain(renderLogs('one\n'))).toBe('  your console output:\n    one');
  });
});

describe('the first screen', () => {
  it('stays one screen with every exercise, a type error, a failure and console output', () => {
    const reports = exercises.map((exercise, i): ExerciseReport =>
      i === 0
        ? base('does not type-check', { typeProblem, typeProblems: 2, firstFailure: failure, logs: Array(40).fill('x').join('\n') })
        : { exercise, status: 'not started', passed: 0, total: 10 },
    );
    const text = plain(renderProgress(reports, overall));
    const lines = text.split('\n');
    // npm's banner (4 lines) and the timing line (2) come on top.
    expect(lines.length + 6).toBeLessThanOrEqual(SCREEN_LINES + 2);
    expect(text).toMatch(/your console output:\n( {4}x\n){4,14} {4}… \(\d+ more lines; npm test -- greet shows 15\)/);
    // The order a learner reads: table, the problem, the help line last.
    expect(text.indexOf('port-expense-list')).toBeLessThan(text.indexOf('does not type-check:'));
    expect(text.indexOf('does not type-check:')).toBeLessThan(text.indexOf('your console output'));
    expect(lines.at(-1)).toMatch(/Stuck\? npm run hint greet/);
  });

  it('folds week 2 into one row while nobody has started it, and unfolds it once one of its exercises is graded', () => {
    const notStarted = exercises.map((exercise): ExerciseReport => ({ exercise, status: 'not started', passed: 0, total: 10 }));
    const weekTwo = exercises.filter((e) => Number(e.chapter.slice(0, 2)) >= 11);
    const minutes = weekTwo.reduce((sum, e) => sum + e.minutes, 0);
    const folded = plain(renderTable(notStarted).join('\n'));
    expect(folded).toMatch(new RegExp(`Week 2: chapters 11–14 +${weekTwo.length} exercises +· not started +– +${minutes} min`));
    for (const e of weekTwo) expect(folded).not.toContain(e.name);
    expect(folded).toContain('port-expense-list');
    // One exercise of week 2 graded: every row of it is back.
    const started = notStarted.map((r) => (r.exercise === weekTwo[1] ? { ...r, status: 'failing' as const, passed: 3 } : r));
    const unfolded = plain(renderTable(started).join('\n'));
    expect(unfolded).not.toContain('Week 2:');
    for (const e of weekTwo) expect(unfolded).toContain(e.name);
    // Week 1 solved: the next exercise is in week 2, so it is shown in full.
    const inWeekTwo = notStarted.map((r) => (weekTwo.includes(r.exercise) ? r : { ...r, status: 'solved' as const, passed: 10 }));
    expect(plain(renderTable(inWeekTwo).join('\n'))).toContain(weekTwo[0]!.name);
    // Only week 2 selected (npm test -- 11): its rows.
    expect(plain(renderTable(notStarted.slice(-1)).join('\n'))).toContain(weekTwo.at(-1)!.name);
  });

  it('gives the console output of a single exercise the full 15 lines', () => {
    const logs = Array(40).fill('x').join('\n');
    const text = plain(renderProgress([base('failing', { firstFailure: failure, logs })], overall));
    expect(text).toContain(`… (${40 - MAX_LOG_LINES} more lines)`);
  });

  it('says why each exercise was not graded, not only the next one', () => {
    const invoice = exercises.find((e) => e.name === 'invoice-detail')!;
    const text = plain(renderProgress([base('failing', { firstFailure: failure }), missingFileReport(invoice)], overall));
    expect(text).toMatch(/\n\? invoice-detail: exercises\/01-shape-of-a-service\/invoice-detail\.ts is missing .*npm run reset invoice-detail\n\nNext: greet/);
  });

  it('does not suggest watch mode to someone already in it', () => {
    const text = plain(renderProgress([base('failing', { firstFailure: failure })], overall, { watching: true }));
    expect(text).toContain('npm run hint greet');
    expect(text).not.toContain('npm run watch');
  });
});

describe('the brief watch mode prints when it moves to an exercise', () => {
  it('has the name, the goal and the file to edit', () => {
    const text = plain(renderBrief(greet));
    expect(text).toMatch(/^greet — Your first handler {2}\(chapter 1, about 10 min\)\n/);
    expect(text).toContain('Answer GET /greet?name=');
    expect(text).toContain('Edit exercises/01-shape-of-a-service/greet.ts');
  });
});
