import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapLimit } from '@exercise/06-concurrency/map-limit';
import { abortListeners, expectListenersRestored } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { collectGarbage, deferred, expectPending, flush, track, valueOf, watchUnhandledRejections, type Deferred } from './control.ts';

/** A loader whose calls the test settles by hand, counting how many are in flight. */
function loader() {
  const calls: { item: number; index: number; signal: AbortSignal; result: Deferred<string> }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fn = (item: number, index: number, signal: AbortSignal) => {
    const result = deferred<string>();
    calls.push({ item, index, signal, result });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return result.promise.finally(() => inFlight--);
  };
  return {
    fn,
    calls,
    started: () => calls.map((c) => c.item),
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const unhandled = watchUnhandledRejections();

describe('mapLimit', () => {
  it('starts `limit` calls straight away', async () => {
    const l = loader();
    const all = track(mapLimit(ids(10), 3, l.fn));
    await flush();
    expectPending(all);
    expect(l.started()).toEqual([1, 2, 3]);
  });

  it('never has more than `limit` calls in flight, whatever order they finish in', async () => {
    const l = loader();
    const all = track(mapLimit(ids(12), 3, l.fn));
    const finishOrder = [2, 0, 1, 5, 3, 4, 8, 6, 7, 11, 9, 10];
    for (const i of finishOrder) {
      await flush();
      expect(l.inFlight).toBeLessThanOrEqual(3);
      l.calls.find((c) => c.index === i)!.result.resolve(`r${i}`);
    }
    await flush();
    expect(l.maxInFlight).toBe(3);
    expect(all.settled).toBe(true);
  });

  it('starts the next item as soon as one call finishes, not when the whole batch has', async () => {
    const l = loader();
    track(mapLimit(ids(5), 2, l.fn));
    await flush();
    l.calls[1]!.result.resolve('two');
    await flush();
    // item 1 is still in flight; item 3 must already have started.
    expect(l.started()).toEqual([1, 2, 3]);
  });

  it('resolves with the results in input order, not finishing order', async () => {
    const l = loader();
    const all = mapLimit(ids(4), 2, l.fn);
    await flush();
    l.calls[1]!.result.resolve('b');
    await flush();
    l.calls[2]!.result.resolve('c');
    await flush();
    l.calls[3]!.result.resolve('d');
    await flush();
    l.calls[0]!.result.resolve('a');
    await expect(all).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('passes (item, index, signal) to fn', async () => {
    const l = loader();
    const all = mapLimit([10, 20], 5, l.fn);
    await flush();
    expect(l.calls.map((c) => [c.item, c.index])).toEqual([
      [10, 0],
      [20, 1],
    ]);
    expect(l.calls[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(l.calls[0]!.signal.aborted).toBe(false);
    l.calls.forEach((c) => c.result.resolve('ok'));
    await all;
  });

  it('resolves [] for no items without calling fn', async () => {
    const l = loader();
    await expect(mapLimit([], 3, l.fn)).resolves.toEqual([]);
    expect(l.calls).toHaveLength(0);
  });

  it('handles a limit larger than the number of items', async () => {
    const l = loader();
    const all = mapLimit(ids(2), 50, l.fn);
    await flush();
    l.calls.forEach((c) => c.result.resolve(`r${c.item}`));
    await expect(all).resolves.toEqual(['r1', 'r2']);
  });

  it('on the first failure starts no further item, aborts the in-flight calls and rejects with that error', async () => {
    const l = loader();
    const all = track(mapLimit(ids(8), 3, l.fn));
    await flush();
    const boom = new Error('payments service down');
    l.calls[1]!.result.reject(boom);
    await flush();
    expect(all.error).toBe(boom);
    expect(l.calls[0]!.signal.aborted).toBe(true);
    expect(l.calls[2]!.signal.aborted).toBe(true);
    // The in-flight calls finish late: still nothing new may start.
    l.calls[0]!.result.resolve('late');
    l.calls[2]!.result.resolve('late');
    await flush();
    expect(l.started()).toEqual([1, 2, 3]);
  });

  it('rejects with the first error, not a later one', async () => {
    const l = loader();
    const all = track(mapLimit(ids(3), 3, l.fn));
    await flush();
    const first = new Error('first');
    l.calls[2]!.result.reject(first);
    await flush();
    l.calls[0]!.result.reject(new Error('second'));
    await flush();
    expect(all.error).toBe(first);
  });

  it('stops when the caller’s signal aborts: rejects with its reason, aborts calls, starts nothing new', async () => {
    const l = loader();
    const caller = new AbortController();
    const all = track(mapLimit(ids(6), 2, l.fn, caller.signal));
    await flush();
    const reason = new Error('client went away');
    caller.abort(reason);
    await flush();
    expect(all.error).toBe(reason);
    expect(l.calls.every((c) => c.signal.aborted)).toBe(true);
    l.calls.forEach((c) => c.result.resolve('late'));
    await flush();
    expect(l.started()).toEqual([1, 2]);
  });

  it('calls fn not at all when the caller’s signal is already aborted', async () => {
    const l = loader();
    const caller = new AbortController();
    caller.abort(new Error('gone'));
    await expect(mapLimit(ids(3), 2, l.fn, caller.signal)).rejects.toThrow('gone');
    expect(l.calls).toHaveLength(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a limit of %s with a RangeError instead of hanging', async (limit) => {
    const l = loader();
    const all = startTracked(() => mapLimit(ids(3), limit, l.fn));
    await flush();
    expect(all.error).toBeInstanceOf(RangeError);
    expect(l.calls).toHaveLength(0);
  });

  it('accepts exactly the positive integers as a limit, whatever the number of items (none included)', async () => {
    await checkProperty(
      'a limit is a positive integer, checked before anything else',
      fc.tuple(limits, fc.integer({ min: 0, max: 3 })),
      async ([limit, count]) => {
        let calls = 0;
        const items = ids(count);
        const all = startTracked(() => mapLimit(items, limit, async (item) => (calls++, `r${item}`)));
        await flush();
        if (all.threw) return `threw synchronously (${String(all.error)}); mapLimit must return a rejected promise`;
        const valid = Number.isInteger(limit) && limit >= 1;
        if (!valid) {
          if (calls > 0) return `called fn ${calls} time(s); expected a RangeError before any call`;
          if (!all.settled) return 'is still pending; expected a RangeError at once';
          if (!(all.error instanceof RangeError)) return `${all.rejected ? `rejected with ${String(all.error)}` : `resolved with ${JSON.stringify(all.value)}`}; expected a RangeError`;
          return;
        }
        if (all.rejected) return `rejected with ${String(all.error)}; a positive integer is a valid limit`;
        if (!all.settled) return 'never resolved';
        expect(all.value).toEqual(items.map((item) => `r${item}`));
      },
      { show: ([limit, count]) => `mapLimit(${count} item(s), ${Object.is(limit, -0) ? '-0' : String(limit)})` },
    );
  });

  it('leaves no unhandled rejection when several calls fail', async () => {
    const l = loader();
    const all = mapLimit(ids(3), 3, l.fn);
    await flush();
    l.calls.forEach((c, i) => c.result.reject(new Error(`fail ${i}`)));
    await expect(all).rejects.toThrow('fail 0');
    await flush(5);
    expect(unhandled).toEqual([]);
  });
});

/** Limits as a configuration would produce them: small integers, zero and negatives, fractions, NaN (Number(process.env.X)), infinities. */
const limits: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 8 }),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, 1.5, 2.5, 1 + Number.EPSILON * 2, 64, 1e-9),
  fc.double({ min: -10, max: 10 }),
);

/** Like track(), but also records a synchronous throw instead of letting it escape the test. */
function startTracked<T>(start: () => Promise<T>) {
  try {
    return Object.assign(track(start()), { threw: false });
  } catch (error) {
    return { settled: true, rejected: true, error, value: undefined as T | undefined, threw: true };
  }
}

describe('mapLimit: nothing left behind', () => {
  const settles = async (label: string, caller: AbortSignal, act: (l: ReturnType<typeof loader>, caller: AbortSignal) => void) => {
    const l = loader();
    const all = await expectListenersRestored(caller, async () => {
      const state = track(mapLimit(ids(5), 2, l.fn, caller));
      await flush();
      act(l, caller);
      await flush();
      // Whatever is still in flight finishes (late, if it already failed), and so does whatever that starts.
      for (let round = 0; round < 5; round++) {
        l.calls.forEach((c) => c.result.resolve(`r${c.item}`));
        await flush();
      }
      return state;
    }, label);
    expect(all.settled, `${label}: still pending`).toBe(true);
    return all;
  };

  it('removes the abort listeners it added to the caller’s signal once it resolves', async () => {
    const all = await settles('a mapLimit that resolved', new AbortController().signal, () => {});
    expect(valueOf(all)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('removes the abort listeners it added to the caller’s signal once a call fails', async () => {
    const all = await settles('a mapLimit that failed', new AbortController().signal, (l) => l.calls[0]!.result.reject(new Error('down')));
    expect((all.error as Error).message).toBe('down');
  });

  it('removes the abort listeners it added to the caller’s signal when the caller aborts', async () => {
    const caller = new AbortController();
    const all = await settles('a mapLimit whose caller aborted', caller.signal, () => caller.abort(new Error('client went away')));
    expect((all.error as Error).message).toBe('client went away');
  });

  // See run-group: Node keeps an AbortSignal.any() signal that still has an
  // 'abort' listener alive for as long as its sources live.
  it('lets the signal fn received be garbage-collected once it has resolved, while the caller’s signal lives on', async () => {
    const caller = new AbortController();
    const seen: WeakRef<AbortSignal>[] = [];
    const all = track(mapLimit(ids(4), 2, async (item, _index, signal) => {
      seen.push(new WeakRef(signal));
      return `r${item}`;
    }, caller.signal));
    await flush();
    expect(valueOf(all)).toEqual(['r1', 'r2', 'r3', 'r4']);
    await collectGarbage();
    // The caller's own signal lives on, of course; a signal mapLimit made must not.
    const kept = seen.filter((ref) => ref.deref() !== undefined && ref.deref() !== caller.signal).length;
    expect(kept, `the signal fn received is still in memory after mapLimit resolved: remove your 'abort' listener from it in a finally`).toBe(0);
  });
});

// ---------------------------------------------------------------- any order of outcomes

interface Run {
  n: number;
  limit: number;
  /** Each step settles one call in flight (the pick-th, counting in start order), or the caller aborts. */
  steps: ({ pick: number; fail: boolean } | 'caller aborts')[];
}

const runs: fc.Arbitrary<Run> = fc.record({
  n: fc.integer({ min: 0, max: 9 }),
  limit: fc.integer({ min: 1, max: 4 }),
  steps: fc.array(
    fc.oneof(
      // About one call in eight fails: most runs get some way before the first failure.
      { arbitrary: fc.record({ pick: fc.nat({ max: 3 }), fail: fc.nat({ max: 7 }).map((k) => k === 0) }), weight: 12 },
      { arbitrary: fc.constant('caller aborts' as const), weight: 1 },
    ),
    { maxLength: 14 },
  ),
});

const showRun = ({ n, limit, steps }: Run) =>
  `${n} item(s), limit ${limit}: ${steps.map((s) => (s === 'caller aborts' ? 'the caller aborts' : `call #${s.pick + 1} in flight ${s.fail ? 'fails' : 'succeeds'}`)).join(', then ') || 'nothing settles'}`;

describe('mapLimit: any order of outcomes', () => {
  it('keeps a pool of `limit` calls busy and stops at the first failure or abort, for any order of outcomes', async () => {
    await checkProperty(
      'a pool of limit workers, results in order, the first failure or abort stops it',
      runs,
      async ({ n, limit, steps }) => {
        const items = Array.from({ length: n }, (_, i) => 101 + i);
        const caller = new AbortController();
        const reason = new Error('the caller aborted');
        const l = loader();
        const before = abortListeners(caller.signal);
        const all = track(mapLimit(items, limit, l.fn, caller.signal));
        await flush();

        // The model: how many calls have started, which are in flight, and how it ended.
        let started = Math.min(limit, n);
        const inFlight: number[] = Array.from({ length: started }, (_, k) => k);
        let finished = 0;
        let ended: { error: Error } | { value: string[] } | undefined = n === 0 ? { value: [] } : undefined;
        const settledIndexes = new Set<number>();

        for (const step of [...steps, 'end' as const]) {
          if (l.calls.length !== started) return `${l.calls.length} call(s) started where a pool of ${limit} would have started ${started}`;
          const indexes = l.calls.map((c) => c.index).sort((a, b) => a - b);
          if (indexes.some((index, k) => index !== k)) return `started the items at ${indexes.join(', ')}; a pool takes them in order, so expected the first ${started}`;
          const wrong = l.calls.find((c) => items[c.index] !== c.item);
          if (wrong) return `fn got item ${wrong.item} with index ${wrong.index}`;
          if (l.inFlight > limit) return `${l.inFlight} calls in flight with a limit of ${limit}`;
          if (ended && !all.settled) return 'had not settled after the step that decides it';
          if (!ended && all.settled) return `settled ${all.rejected ? `(rejected with ${String(all.error)})` : 'with a result'} while calls were still due`;
          if (ended && 'error' in ended) {
            if (all.error !== ended.error) return `rejected with ${String(all.error)}; expected ${ended.error.message} (the first)`;
            const open = l.calls.filter((c) => !c.signal.aborted).length;
            if (open > 0) return `${open} call(s) got a signal that was not aborted after it rejected`;
          }
          if (ended && 'value' in ended) {
            if (all.rejected) return `rejected with ${String(all.error)}; expected the results ${JSON.stringify(ended.value)}`;
            expect(all.value).toEqual(ended.value);
          }
          if (step === 'end') break;

          if (step === 'caller aborts') {
            caller.abort(reason);
            ended ??= { error: reason };
          } else if (l.calls.length > 0) {
            const open: number[] = ended ? l.calls.map((c) => c.index).filter((index) => !settledIndexes.has(index)) : inFlight;
            if (open.length === 0) continue;
            const index: number = open[step.pick % open.length]!;
            settledIndexes.add(index);
            const call: (typeof l.calls)[number] = l.calls.find((c) => c.index === index)!;
            if (!ended) inFlight.splice(inFlight.indexOf(index), 1);
            if (step.fail) {
              const error = new Error(`item ${call.item} failed`);
              call.result.reject(error);
              ended ??= { error };
            } else {
              call.result.resolve(`r${call.item}`);
              if (!ended) {
                finished++;
                if (started < n) inFlight.push(started++);
                else if (finished === n) ended = { value: items.map((item) => `r${item}`) };
              }
            }
          }
          await flush();
        }
        const left = abortListeners(caller.signal) - before;
        if (left !== 0) return `left ${left} abort listener(s) on the caller's signal`;
        // Settle whatever is left so nothing dangles into the next run.
        l.calls.forEach((c) => c.result.resolve('late'));
        await flush();
      },
      { show: showRun, numRuns: 150 },
    );
  });
});
