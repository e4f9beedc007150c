/**
 * The browser form of src/workbook/grading/unhandled-setup.ts (a setup file
 * of every grader project): a promise rejected with nobody awaiting it, or an
 * error thrown from a timer or callback, fails the test during which it
 * surfaced — with the same sentences as on the CLI. Node's
 * process.on('unhandledRejection' | 'uncaughtException') become the worker's
 * 'unhandledrejection' and 'error' events; preventDefault keeps the page's
 * worker.onerror (which means "the worker crashed") out of it.
 *
 * The listeners are installed once per worker (install()); the hooks are
 * registered for every grading run (registerHooks(), called where vitest
 * would import the setup file), as the CLI re-runs its setup file per test file.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';

const pending: { kind: 'rejection' | 'exception'; error: unknown }[] = [];
let installed = false;

/** The real macrotask scheduler, taken before any grader fakes timers. */
const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);

export function install(): void {
  if (installed) return;
  installed = true;
  self.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    pending.push({ kind: 'rejection', error: event.reason });
  });
  self.addEventListener('error', (event) => {
    event.preventDefault();
    pending.push({ kind: 'exception', error: event.error ?? event.message });
  });
}

/**
 * Lets the browser report what is pending. Node reports an unhandled
 * rejection once the current microtasks drain; Chromium queues a task to
 * report it when the microtask checkpoint ends — which, in a long promise
 * chain (collecting, then running hooks), is when we first yield. So: yield
 * once to end the checkpoint, and once more for the task it queued.
 */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => nativeSetTimeout(resolve, 0));
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

/** Drops what an earlier run left (its worker is reused), then registers the three hooks on the file being collected. */
export function registerHooks(): void {
  pending.length = 0;
  beforeAll(() => failIfAny('while the exercise was loading'));
  afterEach(() => failIfAny('during this test'));
  afterAll(() => failIfAny('after the last test'));
}
