/**
 * Controlled time for chapter 6's graders: deferred promises the test
 * settles by hand, a way to let pending callbacks run without sleeping,
 * and a watch for unhandled rejections.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach } from 'vitest';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued microtask and immediate run; no clock involved. */
export async function flush(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Observes a promise's state without awaiting it (so a hang cannot stall the test). */
export function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown; rejected: boolean } = {
    settled: false,
    rejected: false,
  };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error) => Object.assign(state, { settled: true, rejected: true, error }),
  );
  return state;
}

/** Collects unhandled rejections raised while a test runs. */
export function watchUnhandledRejections() {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  beforeEach(() => {
    seen.length = 0;
    process.on('unhandledRejection', listener);
  });
  afterEach(() => {
    process.off('unhandledRejection', listener);
  });
  return seen;
}

/** The value of a tracked promise; rethrows its error (so a starter's "not implemented" shows). */
export function valueOf<T>(state: ReturnType<typeof track<T>>): T {
  if (state.rejected) throw state.error;
  if (!state.settled) throw new Error('still pending: the promise has not settled yet');
  return state.value as T;
}

/** Fails with the promise's own error if it rejected when it should still be running. */
export function expectPending(state: { settled: boolean; rejected: boolean; error?: unknown }): void {
  if (state.rejected) throw state.error;
  if (state.settled) throw new Error('settled too early: expected it to be still running');
}

/**
 * Runs a full garbage collection, after letting the current job end (a
 * WeakRef's target is kept until then). For "is this signal still held by
 * something?": a WeakRef whose deref() is undefined afterwards was not.
 */
export async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
