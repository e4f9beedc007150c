/**
 * A progress report a learner can paste into a team channel: what is
 * solved, how many attempts and hints it took, and how long since the
 * first `npm test`. Built from the local state only; nothing is sent
 * anywhere.
 */
import { chapters, exercises } from '../curriculum.ts';
import { dayOf, whereInTheWeek } from './progress.ts';
import type { WorkbookState } from './state.ts';

export interface ProgressReport {
  generatedAt: string;
  /** From the last grading run, not a fresh one. */
  lastGradedAt: string | null;
  startedAt: string | null;
  daysSinceStart: number | null;
  week: { day: number; of: number; solvedToday: number; exercisesToday: number };
  solved: number;
  total: number;
  exercises: {
    name: string;
    chapter: string;
    day: number;
    status: 'solved' | 'attempted' | 'not started';
    attempts: number;
    hintsShown: number;
    solvedAt: string | null;
  }[];
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
        status: s?.solvedAt ? 'solved' : s && s.attempts > 0 ? 'attempted' : 'not started',
        attempts: s?.attempts ?? 0,
        hintsShown: s?.hintsShown ?? 0,
        solvedAt: s?.solvedAt ?? null,
      };
    }),
  };
}

const MARK = { solved: '✅', attempted: '🟡', 'not started': '⬜' } as const;

function since(report: ProgressReport): string {
  if (report.daysSinceStart === null) return 'not started yet (run `npm test`)';
  if (report.daysSinceStart === 0) return 'started today';
  return `started ${report.daysSinceStart} day${report.daysSinceStart === 1 ? '' : 's'} ago`;
}

export function reportMarkdown(report: ProgressReport): string {
  const lines = [
    `**Django → TypeScript workbook** — Day ${report.week.day} of ${report.week.of}: ` +
      `${report.week.solvedToday} of ${report.week.exercisesToday} exercises solved · ` +
      `${report.solved} of ${report.total} overall · ${since(report)}`,
    '',
    '| Day | Chapter | Exercise | Status | Attempts | Hints |',
    '|---|---|---|---|---|---|',
  ];
  for (const e of report.exercises) {
    const chapter = chapters.find((c) => c.slug === e.chapter)!;
    lines.push(`| ${e.day} | ${chapter.number}. ${chapter.title} | ${e.name} | ${MARK[e.status]} ${e.status} | ${e.attempts} | ${e.hintsShown} |`);
  }
  lines.push('', `_Last graded ${report.lastGradedAt ?? 'never'}; generated ${report.generatedAt} by \`npm run report\`._`);
  return lines.join('\n') + '\n';
}
