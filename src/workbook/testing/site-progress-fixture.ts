/**
 * A week in progress, for the tests of the guide's progress display
 * (site-progress*.test.ts) and for the production-build check: one
 * exercise solved, one attempted, one solved before and failing now, the
 * rest not started. Written into a temporary folder, never the repository's
 * own .workbook/, so a learner's real progress is never read or touched.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkbookState } from '../state.ts';

export const SOLVED = 'greet';
export const ATTEMPTED = 'invoice-detail';
export const SOLVED_BEFORE = 'router';
export const NOT_STARTED = 'hono-urlconf';

export const progressFixture = (): WorkbookState => ({
  version: 2,
  firstRunAt: '2026-11-30T09:00:00.000Z',
  lastRunAt: '2026-12-01T15:30:00.000Z',
  exercises: {
    [SOLVED]: { hintsShown: 1, attempts: 2, firstAttemptAt: '2026-11-30T09:05:00.000Z', firstSolvedAt: '2026-11-30T09:17:00.000Z', attemptsToFirstSolve: 2, solvedAt: '2026-11-30T09:17:00.000Z' },
    [ATTEMPTED]: { hintsShown: 2, attempts: 3, firstAttemptAt: '2026-11-30T10:00:00.000Z' },
    [SOLVED_BEFORE]: { hintsShown: 0, attempts: 4, firstAttemptAt: '2026-12-01T09:00:00.000Z', firstSolvedAt: '2026-12-01T09:40:00.000Z', attemptsToFirstSolve: 3 },
  },
});

/** A temporary project root whose .workbook/state.json holds `content` (JSON of the fixture by default). */
export function progressRoot(content: string = JSON.stringify(progressFixture(), null, 2)): string {
  const root = mkdtempSync(join(tmpdir(), 'site-progress-'));
  mkdirSync(join(root, '.workbook'));
  writeFileSync(join(root, '.workbook', 'state.json'), content);
  return root;
}
