/**
 * vitest setup file (first in every project's setupFiles): the worker's
 * heartbeat, see heartbeat.ts. It runs before the test file is imported, so
 * a loop at the top level of an exercise stops the beats too.
 *
 * It also keeps a synchronous copy of what the file prints (console-tee.ts),
 * for when a loop keeps vitest from ever sending it.
 *
 * Setup files run again for every test file; a worker thread may run several
 * files in turn. One timer per thread, kept on globalThis, and each file only
 * changes what the beat names.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { expect } from 'vitest';
import { teeConsole, type Tee } from './console-tee.ts';
import { BEAT_EVERY_MS, consoleCopyOf, formatBeat, HEARTBEAT_DIR_ENV, PROJECT_ENV } from './heartbeat.ts';

interface HeartbeatState {
  file: string;
  project: string;
  count: number;
  beat: () => void;
  tee: Tee;
}

const dir = process.env[HEARTBEAT_DIR_ENV];
const root = process.cwd();
const key = Symbol.for('workbook.heartbeat');
const global = globalThis as typeof globalThis & { [key]?: HeartbeatState };

if (dir) {
  const testPath = expect.getState().testPath ?? '';
  const file = testPath.startsWith(root + '/') ? testPath.slice(root.length + 1) : testPath;
  const project = process.env[PROJECT_ENV] ?? '';
  const earlier = global[key];
  const state = earlier ?? startBeating(dir, file, project);
  if (earlier) state.tee.restart();
  state.file = file;
  state.project = project;
  state.beat();
}

function startBeating(dir: string, file: string, project: string): HeartbeatState {
  const path = join(dir, `${process.pid}-${threadId}`);
  const temp = `${path}.tmp`;
  mkdirSync(dir, { recursive: true });
  const state: HeartbeatState = {
    file,
    project,
    count: 0,
    tee: teeConsole(consoleCopyOf(path)),
    beat() {
      state.count += 1;
      const heap = getHeapStatistics();
      const text = formatBeat({
        count: state.count,
        project: state.project,
        file: state.file,
        heapMb: Math.round(heap.used_heap_size / 2 ** 20),
        heapLimitMb: Math.round(heap.heap_size_limit / 2 ** 20),
      });
      try {
        // Written aside and renamed: the reader never sees half a beat.
        writeFileSync(temp, text);
        renameSync(temp, path);
      } catch {
        // The CLI removed the directory: the run is over.
      }
    },
  };
  global[key] = state;
  // The real setInterval, taken now: a grader that fakes timers later (vi.useFakeTimers) does not stop the beats.
  // unref: the heartbeat never keeps a finished worker alive.
  setInterval(state.beat, BEAT_EVERY_MS).unref();
  return state;
}
