/**
 * One `vitest watch` over some exercises, with the type check beside it:
 * every save re-runs the exercise's grader and re-checks its types at the
 * same time, and the caller is shown both together. Restarts vitest when
 * an exercise file disappears or comes back (vitest cannot follow a file
 * that did not exist when it started) and after the watchdog stopped a
 * stuck file (at the next save). Ends when the caller's `until` is met or
 * the caller's signal aborts.
 */
import { existsSync, watch } from 'node:fs';
import { paths, type Engine, type Exercise } from '../../curriculum.ts';
import { runVitest, type RunOptions, type RunResult } from '../grading/run-vitest.ts';
import { missingFileReport, report, type ExerciseReport } from '../grading/status.ts';
import type { TypeCheckResult } from '../grading/typecheck.ts';
import { recordRun, type Overall } from '../progress.ts';
import { isUntouched } from '../starters.ts';
import { checkTypes } from './types.ts';

export interface SessionView {
  reports: ExerciseReport[];
  overall: Overall;
  /** From the save to the result, when a save started this grading. */
  tookMs?: number;
  /** Why tsc could not run, if it could not. */
  typesFailed?: string;
  /** Nothing is running: the next save to exercises/ starts grading again. */
  waiting?: 'for a save' | 'for the file';
}

export interface SessionOptions {
  db?: Engine;
  /** Aborted when the learner stops watching (Ctrl-C, SIGTERM, SIGHUP). */
  signal: AbortSignal;
  show(view: SessionView): void;
  /** Stop watching once this holds (the tour: the exercise is solved). */
  until?(reports: ExerciseReport[]): boolean;
}

/** An editor that saves by renaming leaves a file missing for a moment: look again after this long. */
const SETTLE_MS = 300;

export async function watchExercises(selected: readonly Exercise[], options: SessionOptions): Promise<'done' | 'stopped' | { crash: string }> {
  const types = new Map<string, TypeCheckResult>();
  let typesFailed: string | undefined;
  const exists = (e: Exercise) => existsSync(paths.starter(e));
  const reportsOf = (run: RunResult) =>
    selected.map((e) => (exists(e) ? report(e, run, isUntouched(e), types.get(e.name)) : missingFileReport(e)));

  for (;;) {
    if (options.signal.aborted) return 'stopped';
    const present = selected.filter(exists);
    if (present.length === 0) {
      const reports = reportsOf({ modules: [], timedOut: [] });
      options.show({ reports, overall: recordRun(reports), waiting: 'for the file' });
      await nextChange(options.signal);
      continue;
    }

    const round = new AbortController();
    const endRound = () => round.abort();
    options.signal.addEventListener('abort', endRound, { once: true });
    const presence = onPresenceChange(selected, present, endRound);
    let done = false;
    let generation = 0;
    let savedAt = 0;
    // The type check of what is on disk now; each save adds a check of the exercises it touched.
    const check = async (list: readonly Exercise[]) => {
      const outcome = await checkTypes(list);
      for (const [name, result] of outcome.results) types.set(name, result);
      typesFailed = outcome.failed;
    };
    let typing = check(present);
    const graderOf = new Map(present.map((e) => [paths.grader(e), e]));

    const runOptions: RunOptions = {
      target: 'exercises',
      files: present.map(paths.grader),
      watch: true,
      env: options.db ? { WORKBOOK_DB: options.db } : {},
      // vitest watch never ends by itself: ending the round stops its process group, and runVitest then returns.
      onStart: (pid) => stopWhenAborted(pid, round.signal),
      onEvent(event, soFar) {
        if (event.type === 'rerun') {
          savedAt = Date.now();
          const touched = event.files.map((f) => graderOf.get(f)).filter((e): e is Exercise => e !== undefined);
          typing = Promise.all([typing, check(touched)]).then(() => undefined);
        }
        if (event.type !== 'run-end') return;
        const run: RunResult = { ...soFar, modules: [...soFar.modules], timedOut: [...soFar.timedOut] };
        const mine = ++generation;
        const tookFrom = savedAt;
        void typing.then(() => {
          // A newer save already started another grading, or watching has ended: this result is stale.
          if (mine !== generation || round.signal.aborted) return;
          const reports = reportsOf(run);
          options.show({ reports, overall: recordRun(reports), typesFailed, tookMs: tookFrom ? Date.now() - tookFrom : undefined });
          if (options.until?.(reports)) {
            done = true;
            round.abort();
          }
        });
      },
    };
    const run = await runVitest(runOptions);
    presence.close();
    options.signal.removeEventListener('abort', endRound);

    if (done) return 'done';
    if (options.signal.aborted) return 'stopped';
    if (round.signal.aborted) continue; // a file went missing or came back: start vitest again
    if (run.crash) return { crash: run.crash };
    // The watchdog stopped a stuck file, and vitest with it: show why, then wait for a save.
    await typing;
    const reports = reportsOf(run);
    options.show({ reports, overall: recordRun(reports), typesFailed, waiting: 'for a save' });
    await nextChange(options.signal);
  }
}

/** Kills the vitest child's process group (it leads one) when `signal` aborts, or now if it already has. */
function stopWhenAborted(pid: number, signal: AbortSignal) {
  const stop = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
}

/** Calls `onChange` once when the set of exercise files that exist differs from `present` (and stays different). */
function onPresenceChange(selected: readonly Exercise[], present: readonly Exercise[], onChange: () => void): { close(): void } {
  const before = present.map((e) => e.name).join();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch('exercises', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = selected.filter((e) => existsSync(paths.starter(e))).map((e) => e.name).join();
      if (now !== before) onChange();
    }, SETTLE_MS);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** Resolves at the next change under exercises/, or when watching ends. */
function nextChange(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const watcher = watch('exercises', { recursive: true }, () => finish());
    const finish = () => {
      watcher.close();
      signal.removeEventListener('abort', finish);
      resolve();
    };
    signal.addEventListener('abort', finish, { once: true });
  });
}
