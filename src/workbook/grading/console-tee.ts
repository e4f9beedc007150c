/**
 * Copies what a test file prints to a file, synchronously, as it is printed.
 *
 * vitest sends console output to its main process in batches, after the
 * current task yields: output printed just before (or inside) a loop that
 * never ends never leaves the worker. Print-debugging is exactly what a
 * learner does with such a loop, so the heartbeat setup keeps a copy the CLI
 * reads when it stops a file (see run-vitest.ts). At most LOG_LIMIT_BYTES per
 * file run.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { LOG_LIMIT_BYTES } from './log-cap.ts';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

export interface Tee {
  /** A new test file starts in this worker: start the copy afresh. */
  restart(): void;
}

export function teeConsole(path: string): Tee {
  let bytes = 0;
  const write = (text: string) => {
    if (bytes > LOG_LIMIT_BYTES) return;
    bytes += Buffer.byteLength(text);
    try {
      appendFileSync(path, bytes > LOG_LIMIT_BYTES ? `${text}… (more output not kept)\n` : text);
    } catch {
      // The run is over and its directory gone.
    }
  };
  for (const method of METHODS) {
    const original = console[method];
    console[method] = function (this: Console, ...args: unknown[]) {
      write(`${format(...args)}\n`);
      return original.apply(this, args);
    };
  }
  const restart = () => {
    bytes = 0;
    try {
      writeFileSync(path, '');
    } catch {
      // as above
    }
  };
  restart();
  return { restart };
}
