/**
 * The grading loop: the full reference suite on each engine, one exercise
 * re-graded in watch mode after a save, and the per-test database reset.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ACME, ALICE, billing } from '../../../test/fixtures/billing.ts';
import type { GradingEvent } from '../../workbook/grading/events.ts';
import { reporter, runVitest, vitestBin } from '../../workbook/grading/run-vitest.ts';
import { startEngine } from '../../workbook/testing/engines.ts';
import { TEMPLATE_CACHE } from '../../workbook/testing/pglite-template.ts';
import { killGroup, onCleanup } from '../../lib-dev/procs.ts';
import { median } from '../lib/stats.ts';

export const root = resolve(import.meta.dirname, '../../..');
export { TEMPLATE_CACHE as PGLITE_CACHE };

export interface SuiteRun {
  ms: number;
  files: number;
  tests: number;
  failed: number;
}

/** `WORKBOOK_TARGET=solutions` vitest run of every grader, timed from spawn to exit. */
export async function referenceSuite(env: Record<string, string>): Promise<SuiteRun> {
  const t0 = performance.now();
  const result = await runVitest({ target: 'solutions', env });
  const took = performance.now() - t0;
  if (result.crash) throw new Error(`vitest crashed:\n${result.crash}`);
  const tests = result.modules.flatMap((m) => m.tests);
  const failed =
    tests.filter((t) => t.state === 'failed').length + result.modules.filter((m) => m.moduleErrors.length).length + result.timedOut.length;
  return { ms: took, files: result.modules.length, tests: tests.length, failed };
}

export function clearPgliteCache() {
  rmSync(TEMPLATE_CACHE, { recursive: true, force: true });
}


export interface WatchResult {
  exercise: string;
  /** save → the run-end event (result available to the CLI), per save. */
  samplesMs: number[];
  /** save → vitest noticed the change (its rerun event), per save. */
  noticedMs: number[];
  medianMs: number;
  /** The vitest process (workers and the PGlite host thread included), from /proc; null where there is none. */
  memory: { idleRssMiB: number; peakRssMiB: number } | null;
}

/** A learner reads a result before saving again; the PGlite host uses that pause to start the next database. */
export const SAVE_PAUSE_MS = 1_500;

/** VmRSS / VmHWM of a process in MiB (Linux /proc; null elsewhere). */
function processMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * vitest in watch mode on one grader (the same child process and event
 * reporter `npm run watch` uses, pointed at the reference solution), then
 * `count` times: touch the solution file, time until the result event.
 * A re-grade that does not pass every test is an error, not a figure: a
 * fast failure would flatter the loop.
 */
export async function watchRegrade(grader: string, solution: string, count: number, env: Record<string, string> = {}): Promise<WatchResult> {
  const child = spawn(process.execPath, [vitestBin, 'watch', '--reporter', reporter, grader], {
    cwd: root,
    env: { ...process.env, WORKBOOK_TARGET: 'solutions', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const forget = onCleanup('stop vitest watch', () => killGroup(child.pid));
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c).slice(-8000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c).slice(-8000)));
  let waiter: ((e: GradingEvent) => void) | undefined;
  let noticedAt = 0;
  let problems: string[] = [];
  child.on('message', (event: GradingEvent) => {
    if (event.type === 'rerun') noticedAt = performance.now();
    if (event.type === 'module-end') {
      problems.push(...event.moduleErrors.map((e) => e.message), ...event.tests.filter((t) => t.state === 'failed').map((t) => `${t.name}: ${t.failure?.message}`));
    }
    if (event.type === 'run-end') waiter?.(event);
  });
  const nextRunEnd = (what: string) =>
    new Promise<void>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`watch mode: no result ${what} within 60 s\n${output}`)), 60_000);
      waiter = () => {
        clearTimeout(timer);
        waiter = undefined;
        if (problems.length) reject(new Error(`watch mode: ${grader} did not pass ${what}: ${problems.slice(0, 3).join('; ')}`));
        else resolvePromise();
        problems = [];
      };
      child.once('exit', () => reject(new Error(`vitest watch exited\n${output}`)));
    });
  try {
    await nextRunEnd('for the first run');
    const samples: number[] = [];
    const noticed: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < count; i++) {
      await new Promise((r) => setTimeout(r, SAVE_PAUSE_MS));
      const between = processMemory(child.pid!);
      if (between) idle.push(between.rss);
      noticedAt = 0;
      const pending = nextRunEnd('after touching the file');
      const t0 = performance.now();
      const now = new Date();
      utimesSync(join(root, solution), now, now);
      await pending;
      samples.push(performance.now() - t0);
      noticed.push(noticedAt ? noticedAt - t0 : NaN);
    }
    const peak = processMemory(child.pid!)?.peak;
    const memory = peak === undefined || idle.length === 0 ? null : { idleRssMiB: Math.round(median(idle)), peakRssMiB: Math.round(peak) };
    return { exercise: grader, samplesMs: samples, noticedMs: noticed, medianMs: median(samples), memory };
  } finally {
    killGroup(child.pid);
    forget();
  }
}

export interface ResetResult {
  engine: string;
  what: string;
  medianMs: number;
  p90Ms: number;
  samples: number;
}

/** startEngine() directly: a write, then a timed reset(), `count` times (after 5 untimed). */
export async function resetTiming(engine: 'pg-mem' | 'pglite', count: number): Promise<ResetResult> {
  const handle = await startEngine(engine, billing);
  try {
    const samples: number[] = [];
    for (let i = 0; i < count + 5; i++) {
      await handle.pool.query(
        `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on) VALUES ($1, $2, $3, 'draft', 100, '2026-04-01')`,
        [ALICE, ACME, `BENCH-${i}`],
      );
      const t0 = performance.now();
      await handle.reset();
      if (i >= 5) samples.push(performance.now() - t0);
    }
    const { rows } = await handle.pool.query('SELECT count(*)::int AS n FROM billing_invoice');
    if (rows[0].n !== 4) throw new Error(`${engine} reset left ${rows[0].n} invoices, expected 4`);
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      engine,
      what: engine === 'pg-mem' ? 'snapshot restore (db.backup().restore())' : 'TRUNCATE … RESTART IDENTITY CASCADE + reseed',
      medianMs: median(samples),
      p90Ms: sorted[Math.floor(sorted.length * 0.9)]!,
      samples: samples.length,
    };
  } finally {
    await handle.close();
  }
}
