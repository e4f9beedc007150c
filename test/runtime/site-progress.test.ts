/**
 * The guide's view of the learner's progress (src/workbook/site-progress.ts):
 * it says what `npm run report` says, in the same words, reads the state
 * file without ever writing it, shows nothing for a file it cannot read,
 * and is off outside `astro dev`. The dev server itself is exercised in
 * site-progress-dev.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exercises, lastPlanDay } from '../../src/curriculum.ts';
import { buildReport, reportMarkdown } from '../../src/workbook/report.ts';
import { openState } from '../../src/workbook/state.ts';
import {
  addSidebarBadges,
  devProgress,
  exerciseDetails,
  exerciseProgress,
  progressMarkup,
  readProgress,
  statusView,
  weekLine,
  PROGRESS_ROOT_ENV,
  type SidebarEntry,
} from '../../src/workbook/site-progress.ts';
import { ATTEMPTED, NOT_STARTED, SOLVED, SOLVED_BEFORE, progressFixture, progressRoot } from '../../src/workbook/testing/site-progress-fixture.ts';

const roots: string[] = [];
const root = (content?: string) => {
  const r = progressRoot(content);
  roots.push(r);
  return r;
};
afterEach(() => {
  vi.unstubAllEnvs();
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});
const now = new Date('2026-12-01T16:00:00.000Z');
const files = (r: string) => readdirSync(join(r, '.workbook')).sort();

describe('what a page says', () => {
  it("is npm run report's status, in its words, with the attempts", () => {
    const report = readProgress(root(), now)!;
    const markdown = reportMarkdown(buildReport(progressFixture(), now));
    for (const name of [SOLVED, ATTEMPTED, SOLVED_BEFORE, NOT_STARTED]) {
      const e = exerciseProgress(report, name)!;
      const row = markdown.split('\n').find((l) => l.includes(`| ${name} |`))!;
      // The report's status column is "<mark> <status>": the page uses the same status words.
      expect(row, name).toContain(` ${statusView(e).status} |`);
      expect(statusView(e).text.startsWith(e.status), name).toBe(true);
    }
    expect(statusView(exerciseProgress(report, SOLVED)!).text).toBe('solved · 2 attempts');
    expect(statusView(exerciseProgress(report, ATTEMPTED)!).text).toBe('attempted · 3 attempts');
    expect(statusView(exerciseProgress(report, SOLVED_BEFORE)!).text).toBe('solved before · 4 attempts');
    expect(statusView(exerciseProgress(report, NOT_STARTED)!).text).toBe('not started');
  });

  it('every status has a mark of its own, so none relies on colour', () => {
    const report = readProgress(root(), now)!;
    const icons = [SOLVED, ATTEMPTED, SOLVED_BEFORE, NOT_STARTED].map((n) => statusView(exerciseProgress(report, n)!).icon);
    expect(new Set(icons).size).toBe(4);
  });

  it("opens with the week line npm run report opens with", () => {
    const report = readProgress(root(), now)!;
    expect(weekLine(report)).toBe(`Day 1 of ${lastPlanDay}: 1 of 4 exercises solved · 1 of ${exercises.length} overall`);
    expect(reportMarkdown(buildReport(progressFixture(), now)).split('\n')[0]).toContain(weekLine(report));
  });

  it('gives an exercise page since when it passes, the first solve and the hints', () => {
    const report = readProgress(root(), now)!;
    const solved = exerciseDetails(exerciseProgress(report, SOLVED)!);
    expect(solved).toHaveLength(3);
    expect(solved[0]).toMatch(/^passing since 30 Nov 2026, \d\d:\d\d$/);
    expect(solved.slice(1)).toEqual(['first solve: 12 min, attempt 2', '1 hint revealed']);
    const before = exerciseDetails(exerciseProgress(report, SOLVED_BEFORE)!);
    expect(before[0]).toMatch(/^passed on 1 Dec 2026, \d\d:\d\d, fails now$/);
    expect(before[1]).toBe('first solve: 40 min, attempt 3');
    expect(exerciseDetails(exerciseProgress(report, ATTEMPTED)!)).toEqual(['2 hints revealed']);
    expect(exerciseDetails(exerciseProgress(report, NOT_STARTED)!)).toEqual([]);
  });

  it('on a fresh clone (no state file) everything is not started, day 1', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'site-progress-'));
    roots.push(fresh);
    const report = readProgress(fresh, now)!;
    expect(report.exercises.every((e) => e.status === 'not started')).toBe(true);
    expect(weekLine(report)).toBe(`Day 1 of ${lastPlanDay}: 0 of 4 exercises solved · 0 of ${exercises.length} overall`);
    expect(readdirSync(fresh)).toEqual([]); // nothing created
  });
});

describe('a state file it cannot read', () => {
  it.each([
    ['cut short', '{"version": 2, "exercises": {"greet": {"attem'],
    ['not an object', '[1, 2, 3]'],
    ['empty', ''],
  ])('%s: shows nothing, throws nothing, and leaves the file for npm test to recover', (_, content) => {
    const r = root(content);
    expect(readProgress(r, now)).toBeNull();
    expect(files(r)).toEqual(['state.json']);
    expect(readFileSync(join(r, '.workbook', 'state.json'), 'utf8')).toBe(content);
  });

  it('state.json a directory, .workbook a file: shows nothing, throws nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'site-progress-'));
    roots.push(dir);
    mkdirSync(join(dir, '.workbook', 'state.json'), { recursive: true });
    expect(readProgress(dir, now)).toBeNull();
    const file = mkdtempSync(join(tmpdir(), 'site-progress-'));
    roots.push(file);
    writeFileSync(join(file, '.workbook'), 'not a directory');
    expect(readProgress(file, now)).toBeNull();
  });

  it('some fields invalid: shows what npm run report shows after recovering the rest, without writing', () => {
    const damaged = progressFixture();
    (damaged.exercises[ATTEMPTED] as unknown as Record<string, unknown>).attempts = 'three';
    const text = JSON.stringify(damaged);
    const r = root(text);
    const shown = readProgress(r, now)!;
    expect(files(r)).toEqual(['state.json']); // no copy aside, no rewrite
    // What the CLI reports on a copy of the same file (it copies aside and recovers).
    const copy = root(text);
    const cli = buildReport(openState(copy, () => {}, now).state, now);
    expect(shown.exercises).toEqual(cli.exercises);
    expect(exerciseProgress(shown, SOLVED)!.status).toBe('solved');
  });
});

describe('only under astro dev', () => {
  it('reads the folder the environment names, else nothing is shown outside dev', () => {
    const r = root();
    expect(exerciseProgress(devProgress({ [PROGRESS_ROOT_ENV]: r }), SOLVED)?.status).toBe('solved');
    // astro build: import.meta.env.DEV is false.
    vi.stubEnv('DEV', false);
    expect(devProgress({ [PROGRESS_ROOT_ENV]: r })).toBeNull();
  });
});

describe('the sidebar', () => {
  const sidebar = (): SidebarEntry[] => [
    { type: 'group', label: 'Start here', entries: [{ type: 'link', href: '/plan/' }] },
    { type: 'group', label: 'Exercises', entries: exercises.map((e) => ({ type: 'link' as const, href: `/exercises/${e.name}/` })) },
  ];

  it('badges each exercise the learner has touched with its status, and the group with the count', () => {
    const entries = sidebar();
    const added = addSidebarBadges(entries, readProgress(root(), now)!);
    const group = entries[1] as Extract<SidebarEntry, { type: 'group' }>;
    const badge = (name: string) => group.entries.find((e) => e.type === 'link' && e.href === `/exercises/${name}/`)!.badge;
    expect(badge(SOLVED)).toMatchObject({ text: '✔ solved', variant: 'success' });
    expect(badge(ATTEMPTED)).toMatchObject({ text: '◐ attempted', variant: 'caution' });
    expect(badge(SOLVED_BEFORE)).toMatchObject({ text: '↩ solved before', variant: 'note' });
    expect(badge(NOT_STARTED)).toBeUndefined();
    expect(group.badge).toMatchObject({ text: `1 of ${exercises.length} solved` });
    expect(entries[0]!.badge).toBeUndefined();
    expect(added).toBe(4);
  });

  it('a fresh clone gets no badges at all', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'site-progress-'));
    roots.push(fresh);
    const entries = sidebar();
    expect(addSidebarBadges(entries, readProgress(fresh, now)!)).toBe(0);
    expect(JSON.stringify(entries)).not.toContain('badge');
  });
});

describe('finding progress in built HTML', () => {
  it('finds the marked elements and sidebar badges, not the stylesheet selectors for them', () => {
    expect(progressMarkup('<p class="wb-progress-week" data-workbook-progress>Day 1</p>')).toHaveLength(1);
    expect(progressMarkup('<span class="wb-progress" data-status="solved" data-workbook-progress="">')).toHaveLength(1);
    expect(progressMarkup('<span class="sl-badge success small wb-progress-badge astro-x">✔ solved</span>')).toHaveLength(1);
    expect(progressMarkup('<style>.wb-progress-badge{color:red}[data-workbook-progress]{x:y}</style><p class="wb-progress-badges-off">')).toEqual([]);
  });
});
