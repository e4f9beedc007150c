/**
 * Starting and stopping the servers a contributor's command runs (the
 * benches, verify's Django stage, the capstone recording).
 *
 * Every child is spawned detached (its own process group) and registered
 * here; `stopAll()` kills every registered group and runs every registered
 * clean-up (temp dirs, stopping a cluster). It runs on normal exit, on an
 * error and on SIGINT/SIGTERM/SIGHUP, so a run leaves nothing behind.
 * Detached children do not get the terminal's Ctrl-C themselves: the
 * handlers below are what stops them.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';

type Cleanup = () => void | Promise<void>;
const cleanups: { name: string; run: Cleanup }[] = [];
const groups = new Set<number>();

export function onCleanup(name: string, run: Cleanup): () => void {
  const entry = { name, run };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL') {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

let stopping: Promise<void> | undefined;

/** Kill every registered process group, then run the clean-ups, newest first. Idempotent. */
export function stopAll(): Promise<void> {
  stopping ??= stopEverything().finally(() => {
    stopping = undefined;
  });
  return stopping;
}

/** Temp dirs to remove even on an abrupt exit (synchronously, in the 'exit' handler). */
const tempDirs = new Set<string>();
export function removeOnExit(dir: string): () => void {
  tempDirs.add(dir);
  return () => tempDirs.delete(dir);
}

async function stopEverything(): Promise<void> {
  for (const pid of groups) killGroup(pid, 'SIGTERM');
  if (groups.size) await sleep(300);
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  while (cleanups.length) {
    const { name, run } = cleanups.pop()!;
    try {
      await run();
    } catch (error) {
      console.error(`clean-up "${name}" failed: ${(error as Error).message}`);
    }
  }
}

let exitHookInstalled = false;
let signalUsers = 0;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) return; // already on our way out
  console.error(`\n${signal}: stopping everything this run started…`);
  void stopAll().finally(() => process.exit(130));
};

/**
 * Ctrl-C (and SIGTERM/SIGHUP) stop everything registered, then exit 130.
 * Returns a function that removes the signal handlers again, for a caller
 * (verify's Django stage) that only owns children for part of its run; the
 * bench keeps them for its whole run. Nested calls are counted.
 */
export function installSignalHandlers(): () => void {
  if (signalUsers++ === 0) for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last resort on a synchronous exit: no awaiting possible, so only kill.
    process.once('exit', () => {
      for (const pid of groups) killGroup(pid, 'SIGKILL');
      for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    });
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (--signalUsers === 0) for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
  };
}

export interface Started {
  child: ChildProcess;
  pid: number;
  /** Everything it printed, last 64 kB. */
  output(): string;
  /** Resolves when the process exits. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function start(cmd: string, args: string[], options: SpawnOptions = {}): Started {
  const child = spawn(cmd, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (!child.pid) throw new Error(`could not start ${cmd}`);
  const pid = child.pid;
  groups.add(pid);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('error', (error) => {
    out += `\n${error.message}`;
  });
  return {
    child,
    pid,
    output: () => out,
    exited,
    async stop() {
      killGroup(pid, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(3000).then(() => false)]);
      killGroup(pid, 'SIGKILL');
      if (!done) await Promise.race([exited, sleep(2000)]);
      groups.delete(pid);
    },
  };
}

export function sleep(msec: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, msec));
}

/** Poll until `check` resolves true, or throw after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

