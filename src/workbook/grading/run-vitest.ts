/**
 * Runs vitest in a child process and collects per-file results over IPC.
 *
 * vitest's own test timeout cannot stop a synchronous infinite loop in
 * learner code: the loop blocks the worker and the run never ends. So a
 * watchdog kills the whole child when one file runs too long, records that
 * file as timed out, and starts again with the files not yet graded.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { GradingEvent } from './events.ts';

export type ModuleResult = Extract<GradingEvent, { type: 'module-end' }>;

export interface RunResult {
  modules: ModuleResult[];
  timedOut: { project: string; file: string }[];
  /** Set when vitest itself failed (bad config, crash): its last output. */
  crash?: string;
}

export interface RunOptions {
  target: 'exercises' | 'solutions' | 'verify';
  /** Repository-relative test files; all of the target's files when omitted. */
  files?: string[];
  env?: Record<string, string>;
  /** How long one test file may go without finishing a test before it is declared stuck. */
  moduleTimeoutMs?: number;
  /** Re-run the remaining files after a timeout (learner mode). */
  resumeAfterTimeout?: boolean;
  watch?: boolean;
  onEvent?: (event: GradingEvent, soFar: RunResult) => void;
}

const require = createRequire(import.meta.url);
// vitest exports no CLI entry; its package.json locates the folder.
export const vitestBin = require.resolve('vitest/package.json').replace(/package\.json$/, 'vitest.mjs');
export const reporter = fileURLToPath(new URL('./event-reporter.ts', import.meta.url));

export async function runVitest(options: RunOptions): Promise<RunResult> {
  const result: RunResult = { modules: [], timedOut: [] };
  let pending = options.files;
  for (;;) {
    const pass = await onePass(options, pending, result);
    if (!pass.stuck || !options.resumeAfterTimeout || !pending) return result;
    const graded = new Set([...result.modules.map((m) => m.file), ...result.timedOut.map((t) => t.file)]);
    pending = pending.filter((f) => !graded.has(f));
    if (pending.length === 0) return result;
  }
}

function onePass(options: RunOptions, files: string[] | undefined, result: RunResult): Promise<{ stuck: boolean }> {
  const args = [vitestBin, options.watch ? 'watch' : 'run', '--reporter', reporter, ...(files ?? [])];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, WORKBOOK_TARGET: options.target, FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  // detached puts vitest in its own process group (so the watchdog can kill
  // its workers too); it must then die with us, whatever ends us.
  const killChild = () => kill(child.pid);
  const onSignal = () => {
    killChild();
    process.exit(130);
  };
  process.once('exit', killChild);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const running = new Map<string, { project: string; file: string; since: number }>();
  let stuck = false;
  const limit = options.moduleTimeoutMs ?? 30_000;
  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const entry of running.values()) {
      if (now - entry.since > limit) {
        stuck = true;
        result.timedOut.push({ project: entry.project, file: entry.file });
        running.clear();
        kill(child.pid);
        return;
      }
    }
  }, 250);

  child.on('message', (event: GradingEvent) => {
    if (event.type === 'module-start') {
      running.set(`${event.project}::${event.file}`, { project: event.project, file: event.file, since: Date.now() });
    } else if (event.type === 'test-end') {
      // A slow file that keeps finishing tests is not stuck: the limit is time without progress.
      const entry = running.get(`${event.project}::${event.file}`);
      if (entry) entry.since = Date.now();
    } else if (event.type === 'module-end') {
      running.delete(`${event.project}::${event.file}`);
      // In watch mode a file is graded again and again: keep the latest.
      result.modules = result.modules.filter((m) => !(m.project === event.project && m.file === event.file));
      result.modules.push(event);
    }
    options.onEvent?.(event, result);
  });

  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      process.off('exit', killChild);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const graded = result.modules.length + result.timedOut.length;
      if (!stuck && graded === 0 && code !== 0) result.crash = output.trim() || `vitest exited with ${code ?? signal}`;
      resolve({ stuck });
    });
  });
}

function kill(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL'); // the whole group: vitest and its forked workers
  } catch {
    // already gone
  }
}
