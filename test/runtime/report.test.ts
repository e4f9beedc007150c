import { describe, expect, it } from 'vitest';
import { chapters, dayWithoutChapter, exercises, lastPlanDay, weekOfDay, weeks } from '../../src/curriculum.ts';
import { dayOf, whereInTheWeek } from '../../src/workbook/progress.ts';
import { buildReport, duration, MEANING, reportMarkdown } from '../../src/workbook/report.ts';
import { recoverState, type WorkbookState } from '../../src/workbook/state.ts';

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

describe('the two-week plan', () => {
  const planDays = weeks.flatMap((w) => [...w.days]);

  it('numbers its days 1, 2, … without a gap, and puts every chapter on one of them', () => {
    expect(planDays).toEqual(Array.from({ length: lastPlanDay }, (_, i) => i + 1));
    for (const c of chapters) expect(planDays, c.slug).toContain(c.day);
  });

  it('says what a day without a chapter is for, and gives no note to a day that has one', () => {
    for (const day of planDays) {
      const hasChapter = chapters.some((c) => c.day === day);
      expect(hasChapter !== (day in dayWithoutChapter), `day ${day}`).toBe(true);
    }
  });

  it('keeps Part I in week 1 and Part II in week 2', () => {
    for (const c of chapters) expect(weekOfDay(c.day).number, c.slug).toBe(c.number <= 10 ? 1 : 2);
  });

  it('with everything solved, names the day of the last exercise, not an empty last day', () => {
    const all: WorkbookState = { exercises: Object.fromEntries(exercises.map((e) => [e.name, { attempts: 1, hintsShown: 0, solvedAt }])) };
    const where = whereInTheWeek(all);
    expect(where).toMatchObject({ day: dayOf(exercises.at(-1)!.chapter), lastDay: lastPlanDay, solved: exercises.length });
    expect(where.dayTotal).toBeGreaterThan(0);
    expect(where.daySolved).toBe(where.dayTotal);
  });
});

describe('npm run report', () => {
  const [first, second, third, fourth] = exercises;
  const state: WorkbookState = {
    version: 2,
    firstRunAt: '2026-03-01T09:00:00.000Z',
    lastRunAt: '2026-03-03T17:00:00.000Z',
    exercises: {
      // solved on the third attempt, 25 minutes after the first
      [first!.name]: { attempts: 3, hintsShown: 1, firstAttemptAt: '2026-03-02T09:35:00.000Z', firstSolvedAt: solvedAt, attemptsToFirstSolve: 3, solvedAt },
      [second!.name]: { attempts: 2, hintsShown: 2, firstAttemptAt: '2026-03-02T11:00:00.000Z' },
      // passed once, broken by a later change
      [third!.name]: { attempts: 4, hintsShown: 0, firstAttemptAt: solvedAt, firstSolvedAt: solvedAt, attemptsToFirstSolve: 1 },
      // hints read before any attempt
      [fourth!.name]: { attempts: 0, hintsShown: 1 },
    },
  };
  const report = buildReport(state, new Date('2026-03-03T18:00:00.000Z'));

  it('lists every exercise with its status, attempts, hints and time to first solve', () => {
    expect(report.exercises).toHaveLength(exercises.length);
    expect(report.exercises[0]).toMatchObject({ status: 'solved', attempts: 3, hintsShown: 1, attemptsToFirstSolve: 3, minutesToFirstSolve: 25, solvedAt });
    expect(report.exercises[1]).toMatchObject({ status: 'attempted', attempts: 2, hintsShown: 2, minutesToFirstSolve: null, solvedAt: null });
    expect(report.exercises[2]).toMatchObject({ status: 'solved before', attempts: 4, attemptsToFirstSolve: 1, minutesToFirstSolve: 0, solvedAt: null });
    expect(report.exercises[3]).toMatchObject({ status: 'not started', attempts: 0, hintsShown: 1 });
    expect(report).toMatchObject({ solved: 1, total: exercises.length, daysSinceStart: 2 });
  });

  it('renders a Markdown summary line and one table row per exercise, with the first-solve cell', () => {
    const md = reportMarkdown(report);
    expect(md).toMatch(/^\*\*Django → TypeScript workbook\*\* — Day 1 of 10: 1 of \d+ exercises solved · 1 of \d+ overall · started 2 days ago/);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Day'));
    expect(rows).toHaveLength(exercises.length);
    expect(rows[0]).toMatch(/\| ✅ solved \| 3 \| 1 \| 25 min, attempt 3 \|$/);
    expect(rows[1]).toMatch(/\| 🟡 attempted \| 2 \| 2 \| – \|$/);
    expect(rows[2]).toMatch(/↩️ solved before \| 4 \| 0 \| first attempt \|$/);
  });

  it('says what each number means, in the Markdown and in report.json', () => {
    const md = reportMarkdown(report);
    for (const text of Object.values(MEANING)) expect(md).toContain(text);
    expect(MEANING.attempts).toMatch(/after the exercise’s files changed/);
    expect(MEANING.hints).toMatch(/each counted once/);
    expect(JSON.parse(JSON.stringify(report)).meaning).toEqual(MEANING);
  });

  it('reads a state file of the first format: solved, time to first solve unknown', () => {
    const old = recoverState({ firstRunAt: '2026-03-01T09:00:00.000Z', exercises: { [first!.name]: { hintsShown: 0, attempts: 7, solvedAt } } });
    const row = buildReport(old, new Date('2026-03-03T18:00:00.000Z')).exercises[0]!;
    expect(row).toMatchObject({ status: 'solved', attempts: 7, firstSolvedAt: solvedAt, minutesToFirstSolve: null });
    expect(reportMarkdown(buildReport(old, new Date())).split('\n').find((l) => l.includes(`| ${first!.name} |`))).toContain('| time unknown |');
  });

  it('says when nothing has been graded yet', () => {
    expect(reportMarkdown(buildReport({ exercises: {} }, new Date()))).toContain('not started yet');
  });

  it('writes durations a lead can read at a glance', () => {
    expect([0, 25, 65, 60 * 26].map(duration)).toEqual(['< 1 min', '25 min', '1 h 5 min', '1 d 2 h']);
  });
});
