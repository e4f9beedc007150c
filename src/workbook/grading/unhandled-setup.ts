/**
 * vitest setup file for the graders: a promise that rejects with nobody
 * awaiting it, or an error thrown from a timer or callback, would crash a
 * plain Node server; vitest only counts it for the whole run. Here it fails
 * the test during which it surfaced (or, when the exercise was loading, every
 * test of the file), with its own message and stack.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';

const pending: { kind: 'rejection' | 'exception'; error: unknown }[] = [];
process.on('unhandledRejection', (error) => pending.push({ kind: 'rejection', error }));
process.on('uncaughtException', (error) => pending.push({ kind: 'exception', error }));

// The real setImmediate, taken before any grader fakes timers.
const nextTurn = setImmediate;

/** Node reports an unhandled rejection after the microtasks of the current turn: let it. */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => nextTurn(resolve));
}

async function failIfAny(when: string): Promise<void> {
  await settle();
  const first = pending.shift();
  if (!first) return;
  const more = pending.length;
  pending.length = 0;
  throw asFailure(first.kind, first.error, when, more);
}

function asFailure(kind: 'rejection' | 'exception', error: unknown, when: string, more: number): Error {
  const original = error instanceof Error ? error : undefined;
  const what =
    kind === 'rejection'
      ? 'A promise rejected and nothing awaited or caught it'
      : 'An error was thrown outside any awaited code (a timer or callback)';
  const failure = new Error(
    `${what} ${when}: ${original?.message ?? describe(error)}` +
      (more ? ` (and ${more} more)` : '') +
      '. Plain Node would crash here: await the promise or handle its error.',
  );
  // Keep the original stack frames: they point at the line in the exercise.
  if (original?.stack) failure.stack = `${failure.name}: ${failure.message}\n${original.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n')}`;
  return failure;
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

beforeAll(() => failIfAny('while the exercise was loading'));
afterEach(() => failIfAny('during this test'));
afterAll(() => failIfAny('after the last test'));
