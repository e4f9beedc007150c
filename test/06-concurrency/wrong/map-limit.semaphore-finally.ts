// mistake: a semaphore written like asyncio's: a Set of in-flight promises, `await Promise.race(inFlight)` when it is full, and `p.finally(() => inFlight.delete(p))` to free the slot; that finally() makes a new promise nobody handles, so every failing call is also an unhandled rejection (a crash under Node's default).
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  signal?.throwIfAborted();
  const group = new AbortController();
  const combined = signal ? AbortSignal.any([signal, group.signal]) : group.signal;
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(combined.reason);
    combined.addEventListener('abort', onAbort);
  });
  const inFlight = new Set<Promise<R>>();
  const all: Promise<R>[] = [];
  try {
    for (const [index, item] of items.entries()) {
      if (inFlight.size >= limit) await Promise.race([...inFlight, stopped]);
      combined.throwIfAborted();
      const p = fn(item, index, combined).catch((error: unknown) => {
        group.abort(error);
        throw error;
      });
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
      all.push(p);
    }
    return await Promise.race([Promise.all(all), stopped]);
  } finally {
    combined.removeEventListener('abort', onAbort);
  }
}
