/**
 * The learner's work on an exercise page, kept in this browser's local
 * storage under one key per exercise: their code, whether it has passed
 * here, and how many hints they have revealed. Nothing leaves the browser.
 *
 * Small on purpose: the page's eager script imports it (to show "Solved in
 * this browser" before the editor is opened), so it must not pull anything
 * else in.
 *
 * Storage can be missing or refuse (a private window, a full quota, a
 * disabled setting): reading then gives a fresh start and writing reports
 * false, so the page can say the work will not survive a reload rather than
 * fail.
 */
export interface SavedExercise {
  /** The learner's file as last edited here; null until they type (the page then shows the starter). */
  code: string | null;
  /** Passed here at least once (as the CLI's "first solve": the reference stays unlocked). */
  solved: boolean;
  /** Hints revealed, 0..total (as `npm run hint` counts them). */
  hintsSeen: number;
  /** The code a "Reset to starter" replaced, so one reset can be undone by hand. */
  beforeReset?: string;
}

export const progressKey = (exercise: string) => `djts.solve-here.${exercise}`;

const fresh = (): SavedExercise => ({ code: null, solved: false, hintsSeen: 0 });

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Reading `localStorage` itself throws when the browser blocks storage for the site.
    return null;
  }
}

/** What was saved for `exercise`, field by field: a damaged entry keeps whatever is still valid. */
export function loadExercise(exercise: string, store: Storage | null = storage()): SavedExercise {
  let raw: unknown;
  try {
    raw = JSON.parse(store?.getItem(progressKey(exercise)) ?? 'null');
  } catch {
    return fresh();
  }
  if (typeof raw !== 'object' || raw === null) return fresh();
  const r = raw as Record<string, unknown>;
  const saved = fresh();
  if (typeof r.code === 'string') saved.code = r.code;
  if (r.solved === true) saved.solved = true;
  if (typeof r.hintsSeen === 'number' && Number.isInteger(r.hintsSeen) && r.hintsSeen > 0) saved.hintsSeen = r.hintsSeen;
  if (typeof r.beforeReset === 'string') saved.beforeReset = r.beforeReset;
  return saved;
}

/** Saves `saved`; false when the browser refused (the page then warns that work is not kept). */
export function saveExercise(exercise: string, saved: SavedExercise, store: Storage | null = storage()): boolean {
  if (!store) return false;
  try {
    store.setItem(progressKey(exercise), JSON.stringify(saved));
    return true;
  } catch {
    return false;
  }
}
