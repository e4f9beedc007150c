/**
 * Starting and stopping the servers a bench runs, and measuring them.
 *
 * Every child is spawned detached (its own process group) and registered
 * here; `stopAll()` kills every registered group and runs every registered
 * clean-up (temp dirs, pg_ctl stop). It runs on normal exit, on an error and
 * on SIGINT/SIGTERM/SIGHUP, so a bench leaves nothing behind.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

type Cleanup = () => void | Promise<void>;
const cleanups: { name: string; run: Cleanup }[] = [];
const groups = new Set<number>();
let installed = false;

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

export function installSignalHandlers() {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return; // already on our way out
      console.error(`\n${signal}: stopping everything the bench started…`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  // Last resort on a synchronous exit: no awaiting possible, so only kill.
  process.once('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
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

/** The pid and every descendant, from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return tree;
}

/** Sum of VmHWM (peak resident set) over a process tree, in bytes. */
export function peakRss(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
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

/** Which of these process names still have a process on the machine (pgrep -x). */
export function leftovers(names: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      for (const name of names) if (comm === name || cmdline.includes(name)) found.push(`${entry} ${cmdline.trim()}`);
    } catch {
      // gone
    }
  }
  return found;
}
