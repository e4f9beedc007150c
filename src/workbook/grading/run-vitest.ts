/**
 * Runs vitest in a child process and collects per-file results over IPC.
 *
 * vitest's own timeouts cannot stop a synchronous loop in learner code, and
 * it has none for a module that never finishes importing. So a watchdog
 * (watchdog.ts) reads the workers' heartbeats and the reporter's progress,
 * and when a file is stuck, or its worker died (out of memory), it records
 * that file with the reason, stops the whole child, and (learner mode) starts
 * again with the files not yet graded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathProblem } from '../../node-version.cjs';
import { blameForExit, outOfMemoryDetail, type StopReason } from './crash-cause.ts';
import type { GradingEvent } from './events.ts';
import { capLog } from './log-cap.ts';
import { consoleCopyOf, HEARTBEAT_DIR_ENV, readBeats } from './heartbeat.ts';
import { DEFAULT_LIMITS, TICK_MS, Watchdog, type FileStats, type WatchdogLimits } from './watchdog.ts';

export type { StopReason } from './crash-cause.ts';
export type ModuleResult = Extract<GradingEvent, { type: 'module-end' }>;

export interface StoppedFile {
  project: string;
  file: string;
  /**
   * loop            its code blocked the event loop (a synchronous loop that never ends)
   * never-settles   alive but never finished loading or never finished a test (a promise that never settles)
   * out-of-memory   its worker ran out of memory
   * crash           vitest or its worker died while it ran, for another reason
   */
  reason: StopReason;
  /** One sentence for the learner: what was seen. */
  detail?: string;
  /** What the file printed before it was stopped (capped like ModuleResult.logs). */
  logs?: string;
  /** loop / never-settles: how long it ran, and the limit it went past (grown with the machine's load). */
  ranMs?: number;
  limitMs?: number;
}

export interface RunResult {
  modules: ModuleResult[];
  /** Files the run had to stop (the name predates the reasons: not all of them are timeouts). */
  timedOut: StoppedFile[];
  /** Set when vitest itself failed (bad config, crash) or could not start: its last output, or why. */
  crash?: string;
  /** What the watchdog measured per finished file (heartbeat gaps, import time, heap). */
  watchdog?: FileStats[];
}

export interface RunOptions {
  target: 'exercises' | 'solutions' | 'verify';
  /** Repository-relative test files; all of the target's files when omitted. */
  files?: string[];
  env?: Record<string, string>;
  /** Overrides of the watchdog's limits (DEFAULT_LIMITS in watchdog.ts). */
  limits?: Partial<WatchdogLimits>;
  /** Re-run the remaining files after a file was stopped (learner mode). */
  resumeAfterTimeout?: boolean;
  watch?: boolean;
  /** Called with the pid of each vitest child started (it leads its own process group). */
  onStart?: (pid: number) => void;
  onEvent?: (event: GradingEvent, soFar: RunResult) => void;
}

const require = createRequire(import.meta.url);
// vitest exports no CLI entry; its package.json locates the folder.
export const vitestBin = require.resolve('vitest/package.json').replace(/package\.json$/, 'vitest.mjs');
export const reporter = fileURLToPath(new URL('./event-reporter.ts', import.meta.url));
const root = resolve(import.meta.dirname, '../../..');

export async function runVitest(options: RunOptions): Promise<RunResult> {
  const result: RunResult = { modules: [], timedOut: [], watchdog: [] };
  const unsupported = unsupportedRoot(root);
  if (unsupported) return { ...result, crash: unsupported };
  let pending = options.files;
  for (;;) {
    const pass = await onePass(options, pending, result);
    if (!pass.interrupted || !options.resumeAfterTimeout || !pending) return result;
    const graded = new Set([...result.modules.map((m) => m.file), ...result.timedOut.map((t) => t.file)]);
    pending = pending.filter((f) => !graded.has(f));
    if (pending.length === 0) return result;
  }
}

/**
 * Vite, which loads every test file, cannot work under a path containing
 * "#" (vitejs/vite#6763). The Node gate every npm script runs first already
 * refuses such a path; callers that skip npm (verify's helpers, the bench)
 * get the same sentence here instead of a Vite stack.
 */
export function unsupportedRoot(path: string): string | undefined {
  return pathProblem(path) ?? undefined;
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

function onePass(options: RunOptions, files: string[] | undefined, result: RunResult): Promise<{ interrupted: boolean }> {
  const heartbeats = mkdtempSync(join(tmpdir(), 'workbook-heartbeat-'));
  const args = [vitestBin, options.watch ? 'watch' : 'run', '--reporter', reporter, ...(files ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, WORKBOOK_TARGET: options.target, FORCE_COLOR: '0', ...options.env, [HEARTBEAT_DIR_ENV]: heartbeats },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  if (child.pid) options.onStart?.(child.pid);
  // detached puts vitest in its own process group (so a stop kills its
  // workers too); it must then die with us, whatever ends us. Closing the
  // terminal (SIGHUP) included: by default it would end us without 'exit'.
  const killChild = () => kill(child.pid);
  const onSignal = (signal: keyof typeof SIGNALS) => {
    killChild();
    rmSync(heartbeats, { recursive: true, force: true });
    process.exit(SIGNALS[signal]);
  };
  process.once('exit', killChild);
  for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.once(signal, onSignal);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const watchdog = new Watchdog({ ...DEFAULT_LIMITS, ...options.limits }, () => readBeats(heartbeats));
  let interrupted = false;
  const printed = new Map<string, string[]>();
  // What a stopped file printed: the worker's own copy when there is one (a loop keeps vitest from ever
  // sending the output; console-tee.ts), else what the reporter passed on.
  const withLogs = (stopped: StoppedFile): StoppedFile => {
    const worker = watchdog.running().find((r) => r.project === stopped.project && r.file === stopped.file)?.worker;
    const logs = (worker && readIfAny(consoleCopyOf(join(heartbeats, worker)))) || capLog(printed.get(`${stopped.project}::${stopped.file}`) ?? []);
    return logs ? { ...stopped, logs } : stopped;
  };
  const stop = (stopped: StoppedFile[]) => {
    if (interrupted || stopped.length === 0) return;
    interrupted = true;
    result.timedOut.push(...stopped.map(withLogs));
    kill(child.pid);
  };
  const timer = setInterval(() => stop(watchdog.tick()), TICK_MS);

  child.on('message', (event: GradingEvent) => {
    if (interrupted) return; // the child is being killed: whatever it still says is about a run we stopped
    switch (event.type) {
      case 'module-queued':
        watchdog.queued(event.project, event.file);
        printed.set(`${event.project}::${event.file}`, []);
        break;
      case 'console':
        printed.get(`${event.project}::${event.file}`)?.push(event.content);
        break;
      case 'module-collected':
        watchdog.collected(event.project, event.file);
        break;
      case 'test-end':
        watchdog.progressed(event.project, event.file);
        break;
      case 'module-end':
        watchdog.ended(event.project, event.file);
        // In watch mode a file is graded again and again: keep the latest.
        result.modules = result.modules.filter((m) => !(m.project === event.project && m.file === event.file));
        result.modules.push(event);
        break;
      case 'worker-error': {
        if (event.code !== 'ERR_WORKER_OUT_OF_MEMORY') break;
        const culprit = watchdog.running().find((r) => r.worker === event.worker);
        if (culprit) stop([{ project: culprit.project, file: culprit.file, reason: 'out-of-memory', detail: outOfMemoryDetail(culprit.lastBeat?.heapLimitMb) }]);
        break;
      }
    }
    options.onEvent?.(event, result);
  });

  return new Promise((resolvePass) => {
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      process.off('exit', killChild);
      for (const name of Object.keys(SIGNALS)) process.off(name, onSignal);
      const running = watchdog.running();
      if (!interrupted && (code !== 0 || signal) && running.length > 0) {
        // vitest died under a file: blame it (and resume the others) rather than call everything ungraded.
        interrupted = true;
        result.timedOut.push(...blameForExit(output, running, root, signal ?? `exit code ${code}`).map(withLogs));
      }
      (result.watchdog ??= []).push(...watchdog.stats);
      rmSync(heartbeats, { recursive: true, force: true });
      const graded = result.modules.length + result.timedOut.length;
      if (!interrupted && graded === 0 && code !== 0) result.crash = output.trim() || `vitest exited with ${code ?? signal}`;
      resolvePass({ interrupted });
    });
  });
}

function readIfAny(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8') || undefined;
  } catch {
    return undefined;
  }
}

function kill(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL'); // the whole group: vitest and anything it started
  } catch {
    // already gone
  }
}
