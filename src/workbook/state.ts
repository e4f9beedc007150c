/**
 * The learner's local progress: hints revealed, attempts, first and last
 * grading time. Kept in .workbook/state.json (git-ignored); nothing leaves
 * the machine.
 *
 * That file is the only record of a week's work, so:
 * - it is written to a temporary file beside it and renamed over it: a
 *   crash or a full disk mid-write leaves the previous file whole;
 * - a file that does not read as progress is never silently replaced: it
 *   is copied to state.json.corrupt-<time>, one line on stderr says so, and
 *   every field that still validates is kept;
 * - an unusable location (.workbook is a file, state.json a directory) is
 *   one line on stderr naming the path and the fix; the command carries on
 *   without recording, so a grade is never hidden by a state problem.
 */
import { copyFileSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';

export interface ExerciseState {
  /** Hint levels revealed so far (each counted once). */
  hintsShown: number;
  /** Gradings after the exercise's files changed (see progress.ts). */
  attempts: number;
  firstAttemptAt?: string;
  /** When the exercise first passed; never erased by later failures. */
  firstSolvedAt?: string;
  /** Which attempt that was. */
  attemptsToFirstSolve?: number;
  /** Present while the last grading passed: since when it has been passing. */
  solvedAt?: string;
  /** Hash of the exercise's files at the last grading, to tell a new attempt from a re-run. */
  gradedHash?: string;
}

export interface WorkbookState {
  /** 2 since attempts are counted by content; files without it are the first format (same fields, fewer of them). */
  version?: 2;
  firstRunAt?: string;
  lastRunAt?: string;
  exercises: Record<string, ExerciseState>;
}

const STATE_VERSION = 2;
const time = z.iso.datetime();
const count = z.number().int().min(0);

/** One schema per field, so a bad field costs that field only. */
const exerciseFields: Record<keyof ExerciseState, z.ZodType> = {
  hintsShown: count,
  attempts: count,
  firstAttemptAt: time,
  firstSolvedAt: time,
  attemptsToFirstSolve: count,
  solvedAt: time,
  gradedHash: z.string().regex(/^[0-9a-f]{64}$/),
};
const topFields: Record<Exclude<keyof WorkbookState, 'exercises'>, z.ZodType> = {
  version: z.literal(STATE_VERSION),
  firstRunAt: time,
  lastRunAt: time,
};

export type Warn = (line: string) => void;
export const warnOnStderr: Warn = (line) => console.error(`workbook: ${line}`);

export const stateDir = (root = process.cwd()) => join(root, '.workbook');
export const stateFile = (root = process.cwd()) => join(stateDir(root), 'state.json');

/** A path as the learner would type it from where they run npm. */
function shown(path: string) {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const emptyState = (): WorkbookState => ({ version: STATE_VERSION, exercises: {} });

export function exerciseState(state: WorkbookState, name: string): ExerciseState {
  return (state.exercises[name] ??= { hintsShown: 0, attempts: 0 });
}

function kind(path: string): 'missing' | 'file' | 'directory' | 'other' {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** Why progress cannot be kept at all, in one line, or null. */
export function locationProblem(root = process.cwd()): string | null {
  const dir = stateDir(root);
  const file = stateFile(root);
  if (!['missing', 'directory'].includes(kind(dir))) {
    return `${shown(dir)} is a file, but progress is kept in a directory of that name: rename or remove that file, then run the command again.`;
  }
  if (!['missing', 'file'].includes(kind(file))) {
    return `${shown(file)} is a directory, but progress is kept in a file of that name: move that directory away (e.g. rename it to state.json.old), then run the command again.`;
  }
  return null;
}

/** Keeps the fields that validate; names the ones that do not in `dropped`. */
function validFields<T>(raw: unknown, fields: Record<string, z.ZodType>, where: string, dropped: string[]): Partial<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    dropped.push(where.replace(/\.$/, '') || 'the whole file');
    return {};
  }
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const schema = fields[key];
    const parsed = schema?.safeParse(value);
    if (parsed?.success) kept[key] = parsed.data;
    else dropped.push(`${where}${key}`);
  }
  return kept as Partial<T>;
}

/**
 * Progress from parsed JSON: every field validated on its own, files of the
 * first format brought up to date. `dropped` names what could not be kept.
 */
export function recoverState(raw: unknown, dropped: string[] = []): WorkbookState {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    dropped.push('the whole file');
    return emptyState();
  }
  const { exercises: rawExercises, ...top } = raw as Record<string, unknown>;
  const state: WorkbookState = { ...validFields<WorkbookState>(top, topFields, '', dropped), version: STATE_VERSION, exercises: {} };
  if (rawExercises === undefined) return state;
  if (typeof rawExercises !== 'object' || rawExercises === null || Array.isArray(rawExercises)) {
    dropped.push('exercises');
    return state;
  }
  for (const [name, value] of Object.entries(rawExercises)) {
    const fields = validFields<ExerciseState>(value, exerciseFields, `exercises.${name}.`, dropped);
    const s: ExerciseState = { hintsShown: 0, attempts: 0, ...fields };
    // The first format kept only solvedAt, the time the current passing
    // streak began: the best record of a first solve it has.
    if (s.solvedAt && !s.firstSolvedAt) s.firstSolvedAt = s.solvedAt;
    state.exercises[name] = s;
  }
  return state;
}

/** Writes beside the target and renames over it: the old file stays whole until the new one is complete. */
export function writeAtomically(file: string, text: string) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { flush: true });
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Not a file we could have written (a directory in the way): leave it.
    }
    throw error;
  }
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');
const reason = (error: unknown) => (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message : String(error));

function write(state: WorkbookState, root: string): string | null {
  try {
    mkdirSync(stateDir(root), { recursive: true });
    writeAtomically(stateFile(root), JSON.stringify(state, null, 2) + '\n');
    return null;
  } catch (error) {
    const where = locationProblem(root);
    return where ? `${where} This run's progress was not saved.` : `could not save progress to ${shown(stateFile(root))} (${reason(error)}); the previous file is unchanged.`;
  }
}

export interface StateStore {
  readonly state: WorkbookState;
  /** Saves atomically. On failure says so in one line and returns false; never throws. */
  save(): boolean;
}

/**
 * Opens the learner's progress for one command. Never throws: problems are
 * one line each through `warn`, and the command works on what could be read.
 */
export function openState(root = process.cwd(), warn: Warn = warnOnStderr, now = new Date()): StateStore {
  const problem = locationProblem(root);
  if (problem) {
    warn(`${problem} Progress is not recorded until then.`);
    return { state: emptyState(), save: () => false };
  }
  const file = stateFile(root);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store(emptyState(), root, warn);
    // Unreadable (permissions, …): writing over it could destroy what is there.
    warn(`cannot read ${shown(file)} (${reason(error)}); progress is not recorded until it can be read.`);
    return { state: emptyState(), save: () => false };
  }
  let raw: unknown;
  let parsed = true;
  try {
    raw = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const dropped: string[] = [];
  const state = parsed ? recoverState(raw, dropped) : emptyState();
  if (parsed && dropped.length === 0) return store(state, root, warn);

  const aside = `${file}.corrupt-${stamp(now)}`;
  try {
    copyFileSync(file, aside);
  } catch (error) {
    warn(`${shown(file)} does not read as progress and could not be copied aside (${reason(error)}); it is left as it is and progress is not recorded.`);
    return { state, save: () => false };
  }
  const what = parsed
    ? `has fields that are not valid progress (${dropped.slice(0, 3).join(', ')}${dropped.length > 3 ? `, +${dropped.length - 3} more` : ''}): kept the rest`
    : 'is not valid JSON (cut short or edited?): started from empty progress';
  warn(`${shown(file)} ${what}; the original is kept as ${shown(aside)}.`);
  const recovered = store(state, root, warn);
  recovered.save(); // the next command reads the recovered file instead of copying it aside again
  return recovered;
}

function store(state: WorkbookState, root: string, warn: Warn): StateStore {
  return {
    state,
    save() {
      const problem = write(state, root);
      if (problem) warn(problem);
      return problem === null;
    },
  };
}

/** Read-only view of the progress (problems are reported the same way). */
export const loadState = (root = process.cwd(), warn: Warn = warnOnStderr) => openState(root, warn).state;
