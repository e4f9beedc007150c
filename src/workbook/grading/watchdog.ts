/**
 * Decides when a test file is stuck, from the workers' heartbeats
 * (heartbeat.ts) and the reporter's progress events. Pure logic: the clock
 * and the heartbeat reader are injected, so it is tested without sleeping.
 *
 *   loop           the worker running the file stopped beating: its event
 *                  loop is blocked (a synchronous `while (true) {}`, at the
 *                  top level or in a test). A busy machine slows the beats
 *                  but does not stop them.
 *   never-settles  the worker beats but the file makes no progress: still
 *                  importing (a top-level `await` that never settles; vitest
 *                  has no timeout for imports), or no test finishing far past
 *                  vitest's own test and hook timeouts.
 *
 * Every limit grows with the machine's load (a busy machine stretches a
 * legitimate synchronous stretch too), and time during which the watchdog
 * itself was not scheduled (a suspended laptop) is not counted at all.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Beat } from './heartbeat.ts';

export interface WatchdogLimits {
  /** Heartbeat silence that means a blocked event loop. */
  loopMs: number;
  /** Alive but still importing the test file (and the exercise) after this long. */
  importMs: number;
  /** Alive, imported, but no test finished for this long. */
  stallMs: number;
}

/**
 * The limits on an idle machine; every one is multiplied by the machine's
 * slowdown (see machineSlowdown).
 *
 * loopMs: the longest legitimate heartbeat silence is a synchronous stretch
 * of PGlite's start (WebAssembly, no timer can fire): about 0.6 s of CPU. A
 * silence stretches with the load: measured 1.5 s at load 5.5 and 8.1 s at
 * load 11.7 on 2 cores (two full gradings at once beside other work:
 * runner-stress.ts), i.e. ~1.4 s × load/cores. 10 s × slowdown keeps a margin
 * of 6 or more over that, and reports a real loop in 10 s on an idle machine.
 * importMs: importing a grader and its exercise takes under 0.5 s idle and
 * under 1 s at load 11.7; a top-level await that never settles is reported
 * after 30 s.
 * stallMs: vitest fails a stuck hook after hookTimeout (60 s) and a stuck
 * test after testTimeout (5 s); this only catches what outlives both.
 */
export const DEFAULT_LIMITS: WatchdogLimits = { loopMs: 10_000, importMs: 30_000, stallMs: 90_000 };

/** Beyond this the machine is not busy but unusable; limits stop growing. */
const MAX_SLOWDOWN = 6;

/**
 * How much slower than idle a CPU-bound stretch of code runs now: runnable
 * threads per core (the 1-minute load average, Linux and macOS; Windows
 * reports 0, which reads as idle), at least 1.
 */
export function machineSlowdown(): number {
  const [oneMinute = 0] = loadavg();
  return Math.min(MAX_SLOWDOWN, Math.max(1, oneMinute / availableParallelism()));
}

/** How often the runner calls tick(). */
export const TICK_MS = 250;
/** A worker with no more beats than this started its file within the last second or so. */
const FRESH_BEATS = 4;
/** A tick this much later than planned means the watchdog itself was not running. */
const SELF_STALL_MS = 1_000;

export interface Verdict {
  project: string;
  file: string;
  reason: 'loop' | 'never-settles';
  detail: string;
  /** How long the file had been running (since a worker took it up). */
  ranMs: number;
  /** The limit it went past, after scaling by the machine's slowdown. */
  limitMs: number;
}

export interface FileStats {
  project: string;
  file: string;
  /** Longest gap between two heartbeats of the file's worker, as the watchdog saw it. */
  maxSilenceMs: number;
  /** From being handed to a worker to its tests being collected. */
  importMs?: number;
  /** The most JS heap its worker was seen using. */
  maxHeapMb: number;
}

interface Entry {
  project: string;
  file: string;
  queuedAt: number;
  /** Workers already naming this file when it was queued (an earlier run of it), with their beat count then. */
  earlier: Map<string, number>;
  worker?: string;
  lastCount?: number;
  lastBeat?: Beat;
  lastBeatAt?: number;
  lastProgressAt: number;
  collectedAt?: number;
  maxSilenceMs: number;
  maxHeapMb: number;
}

const keyOf = (project: string, file: string) => `${project}::${file}`;

export class Watchdog {
  private entries = new Map<string, Entry>();
  private lastTick?: number;
  readonly stats: FileStats[] = [];

  constructor(
    private limits: WatchdogLimits,
    private readBeats: () => Map<string, Beat>,
    private now: () => number = () => performance.now(),
    private slowdown: () => number = machineSlowdown,
    private tickMs = TICK_MS,
  ) {}

  /** The file was handed to a worker: it is about to be imported. */
  queued(project: string, file: string) {
    const t = this.now();
    const earlier = new Map<string, number>();
    for (const [worker, beat] of this.readBeats()) {
      // A worker that has only just started beating took this very run up before we heard of it (the
      // queued event can reach us after the worker's first beats when this process is slow to be scheduled).
      if (beat.project === project && beat.file === file && beat.count > FRESH_BEATS) earlier.set(worker, beat.count);
    }
    this.entries.set(keyOf(project, file), { project, file, queuedAt: t, earlier, lastProgressAt: t, maxSilenceMs: 0, maxHeapMb: 0 });
  }

  /** Its tests were collected: the import finished. */
  collected(project: string, file: string) {
    const entry = this.entries.get(keyOf(project, file));
    if (!entry) return;
    entry.collectedAt = this.now();
    entry.lastProgressAt = entry.collectedAt;
  }

  /** One of its tests finished. */
  progressed(project: string, file: string) {
    const entry = this.entries.get(keyOf(project, file));
    if (entry) entry.lastProgressAt = this.now();
  }

  ended(project: string, file: string) {
    const entry = this.entries.get(keyOf(project, file));
    if (!entry) return;
    this.entries.delete(keyOf(project, file));
    this.stats.push({
      project,
      file,
      maxSilenceMs: Math.round(entry.maxSilenceMs),
      importMs: entry.collectedAt === undefined ? undefined : Math.round(entry.collectedAt - entry.queuedAt),
      maxHeapMb: entry.maxHeapMb,
    });
  }

  /** Files handed to a worker and not finished, with that worker's name and last beat once one was seen. */
  running(): { project: string; file: string; worker?: string; lastBeat?: Beat }[] {
    return [...this.entries.values()].map((e) => ({ project: e.project, file: e.file, worker: e.worker, lastBeat: e.lastBeat }));
  }

  /** Call every tickMs. Returns the files found stuck (the caller stops the run). */
  tick(): Verdict[] {
    const t = this.now();
    if (this.lastTick !== undefined) {
      const late = t - this.lastTick - this.tickMs;
      if (late > SELF_STALL_MS) for (const entry of this.entries.values()) shift(entry, late);
    }
    this.lastTick = t;
    const beats = this.readBeats();
    const slowdown = this.slowdown();
    const verdicts: Verdict[] = [];
    for (const entry of this.entries.values()) {
      this.observe(entry, beats, t);
      const verdict = this.judge(entry, t, slowdown);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  }

  /**
   * Finds the worker running the file and notes its beats. A worker that
   * took the file up after it was queued is the one; an earlier worker that
   * still names it (watch mode re-runs a file) counts only while no other
   * worker has, and only once its beats moved on.
   */
  private observe(entry: Entry, beats: Map<string, Beat>, t: number) {
    const claims = new Map([...beats].filter(([, b]) => b.project === entry.project && b.file === entry.file));
    const fresh = [...claims.keys()].find((worker) => !entry.earlier.has(worker));
    let worker = entry.worker;
    if (fresh && (worker === undefined || entry.earlier.has(worker))) worker = fresh;
    if (worker === undefined) worker = [...claims].find(([w, b]) => entry.earlier.get(w) !== b.count)?.[0];
    const beat = worker === undefined ? undefined : claims.get(worker);
    if (worker === undefined || !beat) return;
    entry.maxHeapMb = Math.max(entry.maxHeapMb, beat.heapMb);
    if (worker !== entry.worker) {
      entry.worker = worker;
      entry.lastCount = beat.count;
      entry.lastBeat = beat;
      entry.lastBeatAt = t;
      if (entry.collectedAt === undefined) entry.lastProgressAt = t;
      return;
    }
    if (beat.count !== entry.lastCount) {
      entry.maxSilenceMs = Math.max(entry.maxSilenceMs, t - entry.lastBeatAt!);
      entry.lastCount = beat.count;
      entry.lastBeat = beat;
      entry.lastBeatAt = t;
    }
  }

  private judge(entry: Entry, t: number, slowdown: number): Verdict | undefined {
    const s = (ms: number) => `${Math.round(ms / 1000)} s`;
    const verdict = (reason: Verdict['reason'], limitMs: number, detail: string): Verdict => ({
      project: entry.project,
      file: entry.file,
      reason,
      detail,
      ranMs: Math.round(t - entry.queuedAt),
      limitMs: Math.round(limitMs),
    });
    const loopMs = this.limits.loopMs * slowdown;
    if (entry.lastBeatAt !== undefined && t - entry.lastBeatAt > loopMs) {
      return verdict('loop', loopMs, `its code ran for ${s(t - entry.lastBeatAt)} without ever pausing (no timer could fire): a loop that never ends`);
    }
    const importMs = this.limits.importMs * slowdown;
    if (entry.collectedAt === undefined && t - entry.lastProgressAt > importMs) {
      return verdict('never-settles', importMs, `loading the exercise did not finish in ${s(t - entry.lastProgressAt)}: a top-level await that never settles?`);
    }
    const stallMs = this.limits.stallMs * slowdown;
    if (entry.collectedAt !== undefined && t - entry.lastProgressAt > stallMs) {
      return verdict('never-settles', stallMs, `no test finished for ${s(t - entry.lastProgressAt)}: something awaited never settles`);
    }
    return undefined;
  }
}

function shift(entry: Entry, ms: number) {
  entry.queuedAt += ms;
  entry.lastProgressAt += ms;
  if (entry.lastBeatAt !== undefined) entry.lastBeatAt += ms;
  if (entry.collectedAt !== undefined) entry.collectedAt += ms;
}
