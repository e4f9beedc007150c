import { describe, expect, it } from 'vitest';
import { exercises } from '../../src/curriculum.ts';
import { dayOf, whereInTheWeek } from '../../src/workbook/progress.ts';
import { buildReport, reportMarkdown } from '../../src/workbook/report.ts';
import type { WorkbookState } from '../../src/workbook/state.ts';

const day1 = exercises.filter((e) => e.chapter.startsWith('01') || e.chapter.startsWith('02'));
const solvedAt = '2026-03-02T10:00:00.000Z';

describe('where the learner is in the week', () => {
  it('starts on day 1 with nothing solved', () => {
    expect(whereInTheWeek({ exercises: {} })).toMatchObject({ day: 1, solved: 0, daySolved: 0 });
  });

  it('moves to the day of the first unsolved exercise and counts that day only', () => {
    const state: WorkbookState = { exercises: Object.fromEntries(day1.map((e) => [e.name, { attempts: 1, hintsShown: 0, solvedAt }])) };
    const where = whereInTheWeek(state);
    expect(where.day).toBeGreaterThan(1);
    expect(where.solved).toBe(day1.length);
    expect(where.daySolved).toBe(0);
    expect(where.dayTotal).toBe(exercises.filter((e) => where.day === dayOf(e.chapter)).length);
  });
});

describe('npm run report', () => {
  const state: WorkbookState = {
    firstRunAt: '2026-03-01T09:00:00.000Z',
    lastRunAt: '2026-03-03T17:00:00.000Z',
    exercises: {
      [exercises[0]!.name]: { attempts: 3, hintsShown: 1, solvedAt },
      [exercises[1]!.name]: { attempts: 2, hintsShown: 2 },
    },
  };
  const report = buildReport(state, new Date('2026-03-03T18:00:00.000Z'));

  it('lists every exercise with its status, attempts and hints', () => {
    expect(report.exercises).toHaveLength(exercises.length);
    expect(report.exercises[0]).toMatchObject({ status: 'solved', attempts: 3, hintsShown: 1, solvedAt });
    expect(report.exercises[1]).toMatchObject({ status: 'attempted', attempts: 2, hintsShown: 2, solvedAt: null });
    expect(report.exercises[2]).toMatchObject({ status: 'not started', attempts: 0 });
    expect(report).toMatchObject({ solved: 1, total: exercises.length, daysSinceStart: 2 });
  });

  it('renders a Markdown summary line and one table row per exercise', () => {
    const md = reportMarkdown(report);
    expect(md).toMatch(/^\*\*Django → TypeScript workbook\*\* — Day 1 of 5: 1 of \d+ exercises solved · 1 of \d+ overall · started 2 days ago/);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Day'))).toHaveLength(exercises.length);
  });

  it('says when nothing has been graded yet', () => {
    expect(reportMarkdown(buildReport({ exercises: {} }, new Date()))).toContain('not started yet');
  });
});
