/**
 * Leaks and shared state: what a one-request-at-a-time test never sees.
 *
 *   - abort listeners added to a caller's signal on every call and never
 *     removed (the process warns at 11, memory grows per request);
 *   - timers left running after a call settled;
 *   - a middleware that writes into a context object shared by every request
 *     (`Object.assign(ctx, { user })`), which swaps users under load;
 *   - check-then-act writes where two overlapping writers both "win".
 *
 * No real sleeps: overlap comes from starting every call before awaiting
 * any, and from `turns()`, which yields to the event loop a given number of
 * times (node:timers/promises, so vi.useFakeTimers() does not freeze it).
 */
import { getEventListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect } from 'vitest';

// ---------------------------------------------------------------- listeners and timers

/** How many 'abort' listeners the signal has right now. */
export const abortListeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/**
 * Runs `call` (settled either way) and asserts the signal has as many abort
 * listeners afterwards as before. Returns the call's result, or rethrows
 * its error once the listener check has passed.
 */
export async function expectListenersRestored<T>(signal: AbortSignal, call: () => Promise<T> | T, label = 'the call'): Promise<T> {
  const before = abortListeners(signal);
  const outcome = await settle(call);
  const after = abortListeners(signal);
  expect(after, `${label} left ${after - before} abort listener(s) on the caller's signal: remove them when done (or use { once: true } and removeEventListener)`).toBe(before);
  return unwrap(outcome);
}

/**
 * Timers and immediates that keep the process alive (ref'd). Unref'd ones,
 * such as AbortSignal.timeout()'s, are not counted: Node hides them.
 */
export function pendingTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'Immediate').length;
}

/** Runs `call` (settled either way) and asserts it left no timer running. */
export async function expectTimersRestored<T>(call: () => Promise<T> | T, label = 'the call'): Promise<T> {
  const before = pendingTimers();
  const outcome = await settle(call);
  const after = pendingTimers();
  expect(after, `${label} left ${after - before} timer(s) running after it settled: clearTimeout them on every path`).toBe(before);
  return unwrap(outcome);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
async function settle<T>(call: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}
function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

// ---------------------------------------------------------------- overlap

/** Yields to the event loop `n` times: in a fake downstream handler, call i awaits turns(count - i) so the first request finishes last. */
export async function turns(n: number): Promise<void> {
  for (let k = 0; k < n; k++) await nextTurn();
}

/** Starts `count` calls before awaiting any and returns their results in call order. */
export function overlapping<T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => call(i)));
}

export interface OwnResponses<Ctx, R> {
  /** How many requests overlap (default 6). */
  count?: number;
  /** A fresh context as the server would build it (deps, request data). */
  makeCtx: () => Ctx;
  /** Sends request i through the ONE handler/middleware instance under test. */
  call: (i: number, ctx: Ctx) => Promise<R>;
  /** Whether request i got its own answer: nothing when it did, a sentence ("got user 103's invoices") when not. */
  check: (i: number, result: R) => string | void | undefined;
}

/**
 * Sends overlapping requests through one handler instance twice: once with
 * one context object shared by all of them (a server's app-wide deps
 * object), once with a context per request. Each must get its own answer;
 * the first that did not is named: "request 2 of 6 (one ctx shared by all):
 * got user 101's answer".
 */
export async function expectOwnResponses<Ctx, R>(spec: OwnResponses<Ctx, R>): Promise<void> {
  const count = spec.count ?? 6;
  for (const mode of ['one ctx shared by all', 'a ctx per request'] as const) {
    const shared = spec.makeCtx();
    const results = await overlapping(count, (i) => spec.call(i, mode === 'one ctx shared by all' ? shared : spec.makeCtx()));
    results.forEach((result, i) => {
      const complaint = spec.check(i, result);
      if (complaint) throw new Error(`request ${i + 1} of ${count} (${mode}): ${complaint}`);
    });
  }
}

/**
 * Two (or more) writers race for the same row; exactly one may win (e.g.
 * two overlapping "pay" requests on one invoice: one 200, one 409). Returns
 * the results in call order.
 */
export async function expectOneWinner<T>(
  writers: number,
  call: (i: number) => Promise<T>,
  won: (result: T) => boolean,
  label = 'overlapping writers',
): Promise<T[]> {
  const results = await overlapping(writers, call);
  const winners = results.filter(won).length;
  expect(winners, `${writers} ${label} started together; exactly one may succeed, ${winners} did`).toBe(1);
  return results;
}
