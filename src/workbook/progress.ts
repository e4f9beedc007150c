/**
 * Records a grading run in the learner's state and says where they are in
 * the week. What the numbers mean, so a lead can trust them:
 * - an attempt is a grading after the exercise's files changed: re-running
 *   unchanged files (watch mode, a second `npm test`) is not one, nor is
 *   grading an untouched starter;
 * - a run that did not grade an exercise changes nothing for it;
 * - `firstSolvedAt` is set once and never erased; `solvedAt` follows the
 *   latest grading.
 */
import { chapters, exercises, lastPlanDay } from '../curriculum.ts';
import { GRADED, type ExerciseReport, type Status } from './grading/status.ts';
import { exerciseFiles, type ExerciseFiles } from './starters.ts';
import { exerciseState, openState, warnOnStderr, type Warn, type WorkbookState } from './state.ts';

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
  const lastDay = lastPlanDay;
  // All solved: the day of the last exercise (the plan may end with a day that has none).
  const next = exercises.find((e) => !isSolved(e.name)) ?? exercises.at(-1);
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

/** Outcomes the environment can cause as well as the code. */
const ENVIRONMENTAL: ReadonlySet<Status> = new Set(['error', 'timeout', 'crashed']);

/**
 * What one exercise's grade changes in the state; false when it changes
 * nothing. `files` describes the exercise's files as they were graded.
 */
export function recordGrade(state: WorkbookState, name: string, status: Status, files: ExerciseFiles, at: string): boolean {
  if (!GRADED.has(status)) return false; // not graded, file missing: nothing was judged
  const s = exerciseState(state, name);
  const changed = s.gradedHash !== files.hash;
  // The same files that were graded before now fail to load, hang or crash:
  // the machine or the environment changed (a bad WORKBOOK_DB, a busy CPU,
  // memory), not the learner's code. Keep the last real result.
  if (!changed && ENVIRONMENTAL.has(status)) return false;
  // A state from before attempts were counted by content has attempts but
  // no hash: its last grading was already counted.
  const countedBefore = s.gradedHash === undefined && s.attempts > 0;
  if (changed && !files.untouched && !countedBefore) {
    s.attempts += 1;
    s.firstAttemptAt ??= at;
  }
  s.gradedHash = files.hash;
  if (status === 'solved') {
    s.solvedAt ??= at;
    if (!s.firstSolvedAt) {
      s.firstSolvedAt = at;
      s.attemptsToFirstSolve = s.attempts;
    }
  } else {
    delete s.solvedAt;
  }
  return true;
}

export interface RecordOptions {
  /** The project whose exercises/ and .workbook/ to use; the current directory by default. */
  root?: string;
  now?: Date;
  /** Where state problems go, one line each; stderr by default. */
  warn?: Warn;
}

/**
 * Records a run and returns where the learner is. Never throws: a state
 * problem is one line through `warn`, and the result still reflects this
 * run (in memory) so the grade can be shown.
 */
export function recordRun(reports: ExerciseReport[], { root = process.cwd(), now = new Date(), warn = warnOnStderr }: RecordOptions = {}): Overall {
  const store = openState(root, warn, now);
  const at = now.toISOString();
  let graded = 0;
  for (const r of reports) {
    if (recordGrade(store.state, r.exercise.name, r.status, exerciseFiles(r.exercise, root), at)) graded += 1;
  }
  if (graded > 0) {
    store.state.firstRunAt ??= at;
    store.state.lastRunAt = at;
    store.save();
  }
  return whereInTheWeek(store.state);
}
