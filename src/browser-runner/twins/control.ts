/**
 * Browser twin of test/06-concurrency/control.ts (same exports), bundled in
 * its place by build-graders.ts. Node's setImmediate becomes a MessageChannel
 * turn (watchers.ts); process.on('unhandledRejection') the worker's
 * 'unhandledrejection' event; a forced garbage collection uses the `gc` V8
 * exposes with --expose-gc (a Chromium started with
 * --js-flags=--expose-gc), and otherwise the test is reported as local-only:
 * a browser tab cannot force one.
 *
 * Keep in step with control.ts: the parts that do not touch Node are copied.
 */
import { afterEach, beforeEach } from 'vitest';
import { localOnly } from '../runner/local-only.ts';
import { forcedCollections, nextTurn } from './watchers.ts';

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

export async function flush(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await nextTurn();
}

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

export function watchUnhandledRejections() {
  const seen: unknown[] = [];
  const listener = (event: PromiseRejectionEvent) => seen.push(event.reason);
  beforeEach(() => {
    seen.length = 0;
    self.addEventListener('unhandledrejection', listener);
  });
  afterEach(() => {
    self.removeEventListener('unhandledrejection', listener);
  });
  return seen;
}

export function valueOf<T>(state: ReturnType<typeof track<T>>): T {
  if (state.rejected) throw state.error;
  if (!state.settled) throw new Error('still pending: the promise has not settled yet');
  return state.value as T;
}

export function expectPending(state: { settled: boolean; rejected: boolean; error?: unknown }): void {
  if (state.rejected) throw state.error;
  if (state.settled) throw new Error('settled too early: expected it to be still running');
}

export const NEEDS_GC = 'needs a forced garbage collection, which only npm test (Node\'s --expose-gc) can do';

export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw localOnly(NEEDS_GC);
  // Three rounds, each after a macrotask: a WeakRef's target is kept until the
  // job that made it ends, and an AbortSignal.any() signal's links to its
  // sources are weak lists V8 clears in a later collection than the one that
  // frees what held them. One round is enough in Node. (A re-grade in the
  // same worker could still find released signals alive: the worker is
  // retired after a grade that collected, see watchers.ts forcedCollections.)
  forcedCollections.count++;
  for (let round = 0; round < 3; round++) {
    await nextTurn();
    gc();
  }
  await nextTurn();
}
