/** Records a grading run in the learner's state and summarises the week. */
import { chapters, exercises } from '../curriculum.ts';
import type { ExerciseReport } from './grading/status.ts';
import { exerciseState, loadState, saveState } from './state.ts';
import type { Overall } from './cli/render.ts';

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
  const solved = exercises.filter((e) => state.exercises[e.name]?.solvedAt);
  const next = exercises.find((e) => !state.exercises[e.name]?.solvedAt);
  const day = chapters.find((c) => c.slug === next?.chapter)?.day ?? Math.max(...chapters.map((c) => c.day));
  return { solved: solved.length, total: exercises.length, day };
}
