/**
 * A progress report a learner can paste into a team channel: what is
 * solved, how many attempts and hints it took, how long to the first solve,
 * and how long since the first `npm test`. Built from the local state only;
 * nothing is sent anywhere. Every number is defined in MEANING, printed
 * under the table and included in report.json, so a lead reads them right.
 */
import { chapters, exercises } from '../curriculum.ts';
import { dayOf, whereInTheWeek } from './progress.ts';
import type { ExerciseState, WorkbookState } from './state.ts';

export type ReportStatus = 'solved' | 'solved before' | 'attempted' | 'not started';

export const MEANING = {
  attempts:
    'gradings (npm test, or a re-run in watch mode) after the exercise’s files changed. Re-grading unchanged files, grading the untouched starter, or a run that could not grade the exercise does not count.',
  hints: 'hint levels revealed with npm run hint, each counted once; showing them again (--all) does not count.',
  firstSolve:
    'wall-clock time from the first attempt to the first passing grading (breaks included), and which attempt that was. Editing before the first grading is not seen, so a first-try solve shows "first attempt". Later failures do not erase it; "time unknown" is progress recorded before attempts were timed.',
  status: 'the latest grading. "solved before" passed once and fails now (after a later change or npm run reset).',
} as const;

export interface ReportedExercise {
  name: string;
  chapter: string;
  day: number;
  status: ReportStatus;
  attempts: number;
  hintsShown: number;
  firstAttemptAt: string | null;
  firstSolvedAt: string | null;
  /** Which attempt first passed. */
  attemptsToFirstSolve: number | null;
  /** From the first attempt to the first pass; null when not solved yet or the first attempt's time is unknown. */
  minutesToFirstSolve: number | null;
  /** Since when the latest gradings pass; null when the latest one failed. */
  solvedAt: string | null;
}

export interface ProgressReport {
  generatedAt: string;
  /** From the last grading run, not a fresh one. */
  lastGradedAt: string | null;
  startedAt: string | null;
  daysSinceStart: number | null;
  week: { day: number; of: number; solvedToday: number; exercisesToday: number };
  solved: number;
  total: number;
  exercises: ReportedExercise[];
  meaning: typeof MEANING;
}

function statusOf(s: ExerciseState | undefined): ReportStatus {
  if (s?.solvedAt) return 'solved';
  if (s?.firstSolvedAt) return 'solved before';
  return s && s.attempts > 0 ? 'attempted' : 'not started';
}

function minutesBetween(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return ms >= 0 ? Math.round(ms / 60_000) : null;
}

export function buildReport(state: WorkbookState, now: Date): ProgressReport {
  const where = whereInTheWeek(state);
  const started = state.firstRunAt ? new Date(state.firstRunAt) : null;
  return {
    generatedAt: now.toISOString(),
    lastGradedAt: state.lastRunAt ?? null,
    startedAt: state.firstRunAt ?? null,
    daysSinceStart: started ? Math.floor((now.getTime() - started.getTime()) / 86_400_000) : null,
    week: { day: where.day, of: where.lastDay, solvedToday: where.daySolved, exercisesToday: where.dayTotal },
    solved: where.solved,
    total: where.total,
    exercises: exercises.map((e) => {
      const s = state.exercises[e.name];
      return {
        name: e.name,
        chapter: e.chapter,
        day: dayOf(e.chapter),
        status: statusOf(s),
        attempts: s?.attempts ?? 0,
        hintsShown: s?.hintsShown ?? 0,
        firstAttemptAt: s?.firstAttemptAt ?? null,
        firstSolvedAt: s?.firstSolvedAt ?? null,
        attemptsToFirstSolve: s?.firstSolvedAt ? (s.attemptsToFirstSolve ?? null) : null,
        minutesToFirstSolve: minutesBetween(s?.firstAttemptAt, s?.firstSolvedAt),
        solvedAt: s?.solvedAt ?? null,
      };
    }),
    meaning: MEANING,
  };
}

const MARK: Record<ReportStatus, string> = { solved: '✅', 'solved before': '↩️', attempted: '🟡', 'not started': '⬜' };

function since(report: ProgressReport): string {
  if (report.daysSinceStart === null) return 'not started yet (run `npm test`)';
  if (report.daysSinceStart === 0) return 'started today';
  return `started ${report.daysSinceStart} day${report.daysSinceStart === 1 ? '' : 's'} ago`;
}

export function duration(minutes: number): string {
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function firstSolveCell(e: ReportedExercise): string {
  if (!e.firstSolvedAt) return '–';
  const attempt = e.attemptsToFirstSolve;
  if (e.minutesToFirstSolve === null) return attempt ? `attempt ${attempt}, time unknown` : 'time unknown';
  if (attempt === 1 && e.minutesToFirstSolve < 1) return 'first attempt';
  return attempt ? `${duration(e.minutesToFirstSolve)}, attempt ${attempt}` : duration(e.minutesToFirstSolve);
}

export function reportMarkdown(report: ProgressReport): string {
  const lines = [
    `**Django → TypeScript workbook** — Day ${report.week.day} of ${report.week.of}: ` +
      `${report.week.solvedToday} of ${report.week.exercisesToday} exercises solved · ` +
      `${report.solved} of ${report.total} overall · ${since(report)}`,
    '',
    '| Day | Chapter | Exercise | Status | Attempts | Hints | First solve |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const e of report.exercises) {
    const chapter = chapters.find((c) => c.slug === e.chapter)!;
    lines.push(
      `| ${e.day} | ${chapter.number}. ${chapter.title} | ${e.name} | ${MARK[e.status]} ${e.status} | ${e.attempts} | ${e.hintsShown} | ${firstSolveCell(e)} |`,
    );
  }
  lines.push(
    '',
    `_**Attempts**: ${report.meaning.attempts}_  `,
    `_**Hints**: ${report.meaning.hints}_  `,
    `_**First solve**: ${report.meaning.firstSolve}_  `,
    `_**Status**: ${report.meaning.status}_`,
    '',
    `_Last graded ${report.lastGradedAt ?? 'never'}; generated ${report.generatedAt} by \`npm run report\`._`,
  );
  return lines.join('\n') + '\n';
}
