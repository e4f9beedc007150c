/**
 * When vitest stops on its own while files were still running, says which
 * files to blame and why, from what vitest printed. Pure, so it is tested on
 * recorded output.
 */

export type StopReason = 'loop' | 'never-settles' | 'out-of-memory' | 'crash';

export interface Running {
  project: string;
  file: string;
  /** Its worker's last heartbeat, when one was seen: heap in use and the limit. */
  lastBeat?: { heapMb: number; heapLimitMb: number };
}

export interface Blame {
  project: string;
  file: string;
  reason: 'out-of-memory' | 'crash';
  detail: string;
}

const OUT_OF_MEMORY = /ERR_WORKER_OUT_OF_MEMORY|JavaScript heap out of memory|Reached heap limit|Worker terminated due to reaching memory limit/;
// vitest: "Worker exited unexpectedly with exit code 1 during started state while running test file /abs/test/x.test.ts"
const WORKER_EXIT = /Worker exited unexpectedly[^\n]*?while running test files? ([^\n]+)/g;

/**
 * `output` is vitest's stdout+stderr (tail), `root` the absolute repository root, `exit` how the process ended.
 * Files vitest names as running in a dead worker are blamed; when it names none, every running file is.
 */
export function blameForExit(output: string, running: readonly Running[], root: string, exit: string): Blame[] {
  const named = new Set<string>();
  for (const match of output.matchAll(WORKER_EXIT)) {
    for (const path of match[1]!.split(', ')) named.add(path.trim().replace(root + '/', ''));
  }
  const culprits = named.size ? running.filter((r) => named.has(r.file)) : running;
  const outOfMemory = OUT_OF_MEMORY.test(output);
  const lastLine = output.match(/Worker exited unexpectedly[^\n]*/)?.[0] ?? `vitest stopped (${exit})`;
  return culprits.map((r) => {
    const heap = r.lastBeat ? ` (last seen using ${r.lastBeat.heapMb} MB of its ${r.lastBeat.heapLimitMb} MB heap)` : '';
    return outOfMemory
      ? { project: r.project, file: r.file, reason: 'out-of-memory', detail: `its worker ran out of memory${heap}` }
      : { project: r.project, file: r.file, reason: 'crash', detail: `${lastLine.replaceAll(root + '/', '')}${heap}` };
  });
}

export function outOfMemoryDetail(limitMb: number | undefined): string {
  return `it used up the ${limitMb ? `${limitMb} MB ` : ''}memory a test file may use: something grows without end (an array or string in a loop, endless recursion that allocates)`;
}
