/**
 * Browser twin of src/workbook/testing/leaks.ts (same exports, same
 * messages), bundled in its place by build-graders.ts. Node answers "how many
 * abort listeners?" with node:events getEventListeners and "how many timers?"
 * with process.getActiveResourcesInfo(); here watchers.ts keeps those books
 * (installed by the runtime before any learner code runs), and a turn of the
 * event loop is a MessageChannel message instead of node:timers/promises
 * setImmediate — neither is frozen by vi.useFakeTimers().
 *
 * Keep in step with leaks.ts: the parts that do not touch Node are copied.
 */
import { expect } from 'vitest';
import { activeTimerCount, listenerCount, nextTurn } from './watchers.ts';

// ---------------------------------------------------------------- listeners and timers

export const abortListeners = (signal: AbortSignal): number => listenerCount(signal, 'abort');

export async function expectListenersRestored<T>(signal: AbortSignal, call: () => Promise<T> | T, label = 'the call'): Promise<T> {
  const before = abortListeners(signal);
  const outcome = await settle(call);
  const after = abortListeners(signal);
  expect(after, `${label} left ${after - before} abort listener(s) on the caller's signal: remove them when done (or use { once: true } and removeEventListener)`).toBe(before);
  return unwrap(outcome);
}

export function pendingTimers(): number {
  return activeTimerCount();
}

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

export async function turns(n: number): Promise<void> {
  for (let k = 0; k < n; k++) await nextTurn();
}

export function overlapping<T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => call(i)));
}

export interface OwnResponses<Ctx, R> {
  count?: number;
  makeCtx: () => Ctx;
  call: (i: number, ctx: Ctx) => Promise<R>;
  check: (i: number, result: R) => string | void | undefined;
}

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
