import { describe, expect, it } from 'vitest';
import { mapLimit } from '@exercise/06-concurrency/map-limit';
import { deferred, expectPending, flush, track, watchUnhandledRejections, type Deferred } from './control.ts';

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
    const all = track(mapLimit(ids(3), limit, l.fn));
    await flush();
    expect(all.error).toBeInstanceOf(RangeError);
    expect(l.calls).toHaveLength(0);
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
