/**
 * The page's side of the browser runner: `createBrowserGrader({ runnerBase })`
 * gives a BrowserGrader (contract.ts) that grades a learner's file with the
 * exercise's real grader in a module Web Worker (runner/worker.ts).
 *
 * - Nothing loads until the first grade: then `index.json`, then the worker.
 * - One grade at a time per worker; a second call waits for the first.
 * - Watchdog: the worker beats every 250 ms while its event loop is free. An
 *   endless loop in the learner's code stops the beats; after SILENCE_MS
 *   (STARTUP_MS while a new worker is still loading its code) without one the worker is terminated and the grade answers
 *   `{ kind: 'error', stage: 'timeout' }` naming the test that was running;
 *   the next grade starts a new worker. A test that awaits forever does not
 *   stop the beats: vitest's own per-test timeout (5 s, as on the CLI) fails it.
 * - A worker that dies (an error event, a failed start) answers `crash`, and
 *   the next grade starts a new one.
 */
import { RUNNER_INDEX, type BrowserGrader, type GradeResult, type RunnerIndex } from './contract.ts';
import type { GradeRequest, WorkerMessage } from './runner/worker.ts';

/**
 * How long the worker may be silent. vitest's CLI watchdog waits 10 s for a
 * stuck thread on an idle machine (src/workbook/grading/watchdog.ts); a page
 * answers sooner: a per-test timeout's worth, 5 s. A healthy worker beats
 * every 250 ms even while a slow test runs, so only a blocked event loop gets here.
 */
export const SILENCE_MS = 5_000;

/**
 * A new worker says nothing until its script and the shared chunks it
 * imports have arrived (315 KB gzip, seconds on a slow connection): until its
 * first beat, only this much silence means it is stuck. A script that fails
 * to load is reported at once (`crash`), not after this.
 */
export const STARTUP_MS = 60_000;

export interface BrowserGraderOptions {
  /** URL of the runner folder, e.g. '/runner/' (ends with '/'). */
  runnerBase: string;
  /** Overrides SILENCE_MS (tests). */
  silenceMs?: number;
}

interface Running {
  worker: Worker;
  /** The page's end of the worker's private channel (runner/worker.ts says why not worker.postMessage). */
  port: MessagePort;
  /** performance.now() when this worker was created; reset once its first grade is answered. */
  startedAt: number | null;
  /** It has spoken at least once: its code is loaded, and silence now means a blocked event loop. */
  alive: boolean;
}

export function createBrowserGrader(options: BrowserGraderOptions): BrowserGrader {
  const base = new URL(options.runnerBase, globalThis.location?.href);
  const silenceMs = options.silenceMs ?? SILENCE_MS;
  let index: Promise<RunnerIndex> | undefined;
  let running: Running | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;

  const loadIndex = () =>
    (index ??= fetch(new URL(RUNNER_INDEX, base)).then(async (response) => {
      if (!response.ok) throw new Error(`${RUNNER_INDEX}: HTTP ${response.status}`);
      return (await response.json()) as RunnerIndex;
    }).catch((error) => {
      index = undefined;
      throw error;
    }));

  const stop = () => {
    running?.worker.terminate();
    running?.port.close();
    running = undefined;
  };

  function startWorker(url: URL, startedAt: number): Running {
    const worker = new Worker(url, { type: 'module', name: 'workbook-grader' });
    const channel = new MessageChannel();
    worker.postMessage({ type: 'connect' }, [channel.port2]);
    channel.port1.start();
    return { worker, port: channel.port1, startedAt, alive: false };
  }

  async function gradeNow(exercise: string, source: string): Promise<GradeResult> {
    const started = performance.now();
    let idx: RunnerIndex;
    try {
      idx = await loadIndex();
    } catch (error) {
      return { kind: 'error', stage: 'load', message: `the runner's index did not load: ${error instanceof Error ? error.message : String(error)}` };
    }
    const entry = idx.exercises[exercise];
    if (!entry) return { kind: 'error', stage: 'load', message: `${exercise} is not graded in the browser: run npm test -- ${exercise}` };
    running ??= startWorker(new URL(idx.worker, base), started);
    const current = running;
    const id = ++nextId;
    const request: GradeRequest = { type: 'grade', id, grader: new URL(entry.grader, base).href, source, file: entry.starterPath, runnerBase: base.href };
    const result = await new Promise<GradeResult>((resolve) => {
      let test: string | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (result: GradeResult, kill: boolean) => {
        clearTimeout(timer);
        current.port.removeEventListener('message', onMessage);
        current.worker.removeEventListener('error', onError);
        if (kill && running === current) stop();
        resolve(result);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const where = test ? `the test "${test}"` : 'loading your module (its top-level code)';
          finish({ kind: 'error', stage: 'timeout', message: `Stopped after ${Math.round(silenceMs / 1000)} s without an answer while running ${where}: an endless loop? The grader was restarted.` }, true);
        }, current.alive ? silenceMs : STARTUP_MS);
      };
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        const data = event.data;
        if (data?.id !== id) return;
        current.alive = true;
        if (data.type === 'beat') {
          test = data.test;
          return arm();
        }
        // Cold (this grade started the worker): from the call to the grader imported, worker start and shared chunks included.
        const loadMs = current.startedAt !== null && data.loadedAt ? data.loadedAt - (performance.timeOrigin + started) : data.loadMs;
        current.startedAt = null;
        const totalMs = performance.now() - started;
        // retire: the worker ran a forced garbage collection (see twins/watchers.ts forcedCollections).
        finish(data.result.kind === 'graded' ? { ...data.result, timings: { loadMs, totalMs } } : data.result, data.retire);
      };
      const onError = (event: ErrorEvent) => {
        event.preventDefault();
        finish({ kind: 'error', stage: 'crash', message: `The grading worker stopped: ${event.message || 'it failed to start or ran out of memory'}. The next run starts a new one.` }, true);
      };
      current.port.addEventListener('message', onMessage);
      current.worker.addEventListener('error', onError);
      arm();
      current.port.postMessage(request);
    });
    return result;
  }

  return {
    grade(exercise, source) {
      const next = queue.then(() => gradeNow(exercise, source));
      queue = next.catch(() => undefined);
      return next;
    },
    dispose: stop,
  };
}
