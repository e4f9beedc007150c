/** Records a grading run in the learner's state and says where they are in the week. */
import { chapters, exercises } from '../curriculum.ts';
import type { ExerciseReport } from './grading/status.ts';
import { exerciseState, loadState, saveState, type WorkbookState } from './state.ts';

export interface Overall {
  solved: number;
  total: number;
  /** Day of the week plan the learner has reached: the day of the first unsolved exercise. */
  day: number;
  lastDay: number;
  /** Exercises of that day, and how many of them are solved. */
  daySolved: number;
  dayTotal: number;
}

export const dayOf = (chapterSlug: string) => chapters.find((c) => c.slug === chapterSlug)?.day ?? 1;

export function whereInTheWeek(state: WorkbookState): Overall {
  const isSolved = (name: string) => !!state.exercises[name]?.solvedAt;
  const lastDay = Math.max(...chapters.map((c) => c.day));
  const next = exercises.find((e) => !isSolved(e.name));
  const day = next ? dayOf(next.chapter) : lastDay;
  const today = exercises.filter((e) => dayOf(e.chapter) === day);
  return {
    solved: exercises.filter((e) => isSolved(e.name)).length,
    total: exercises.length,
    day,
    lastDay,
    daySolved: today.filter((e) => isSolved(e.name)).length,
    dayTotal: today.length,
  };
}

export function recordRun(reports: ExerciseReport[]): Overall {
  const state = loadState();
  const now = new Date().toISOString();
  state.firstRunAt ??= now;
  state.lastRunAt = now;
  for (const r of reports) {
    if (r.status === 'not graded') continue;
    const s = exerciseState(state, r.exercise.name);
    if (r.status !== 'not started') s.attempts += 1;
    if (r.status === 'solved') s.solvedAt ??= now;
    else delete s.solvedAt;
  }
  saveState(state);
  return whereInTheWeek(state);
}
