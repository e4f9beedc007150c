/**
 * The heartbeat that tells "the learner's code is stuck in a loop" apart from
 * "the machine is busy".
 *
 * Every vitest worker (a thread running one test file at a time) writes a
 * small file in a directory the grading CLI chooses, from a timer, a few
 * times a second. A timer can only fire when the worker's event loop is free:
 * a synchronous `while (true) {}` stops the beats, while a slow but healthy
 * worker (a busy machine, a long PGlite start) keeps beating. The CLI reads
 * the directory (see watchdog.ts); nothing here is Linux-specific.
 *
 * This module is shared by both sides, so it imports nothing from vitest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI sets it to an empty temp directory; workers beat into it. */
export const HEARTBEAT_DIR_ENV = 'WORKBOOK_HEARTBEAT_DIR';
/** Set per vitest project (vitest-projects.ts): verify runs one file in many projects at once. */
export const PROJECT_ENV = 'WORKBOOK_PROJECT';
export const BEAT_EVERY_MS = 250;

const CONSOLE_COPY = '.console';
/** Beside each worker's beat, what its current file printed (console-tee.ts). */
export const consoleCopyOf = (beatPath: string) => `${beatPath}${CONSOLE_COPY}`;

export interface Beat {
  /** Increments on every beat: the reader watches it change, so no clocks are compared across processes. */
  count: number;
  project: string;
  /** Repository-relative test file, as the reporter names it. */
  file: string;
  /** The worker's JS heap in use and its limit, in MB (used to explain a worker that died). */
  heapMb: number;
  heapLimitMb: number;
}

export function formatBeat(beat: Beat): string {
  return `${beat.count} ${beat.heapMb} ${beat.heapLimitMb}\t${beat.project}\t${beat.file}\n`;
}

export function parseBeat(text: string): Beat | undefined {
  // A beat is rewritten in place, so a reader can catch it half-written: no trailing newline, no beat.
  if (!text.endsWith('\n')) return undefined;
  const [numbers, project, file] = text.slice(0, -1).split('\t');
  const [count, heapMb, heapLimitMb] = (numbers ?? '').split(' ').map(Number);
  if (project === undefined || !file || ![count, heapMb, heapLimitMb].every(Number.isFinite)) return undefined;
  return { count: count!, project, file, heapMb: heapMb!, heapLimitMb: heapLimitMb! };
}

/** Every worker's latest beat, keyed by the worker's own file name. Unreadable or half-written files are left out. */
export function readBeats(dir: string): Map<string, Beat> {
  const beats = new Map<string, Beat>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return beats;
  }
  for (const name of names) {
    if (name.endsWith('.tmp') || name.endsWith(CONSOLE_COPY)) continue;
    try {
      const beat = parseBeat(readFileSync(join(dir, name), 'utf8'));
      if (beat) beats.set(name, beat);
    } catch {
      // Gone between readdir and read: a worker that ended.
    }
  }
  return beats;
}
