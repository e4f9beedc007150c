// mistake: validates the limit in a plain (non-async) wrapper that throws: mapLimit(items, NaN) throws at the call site instead of returning a rejected promise, so a caller's .catch() or Promise.all never sees the RangeError and the request crashes past its error handling.
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export function mapLimit<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return run(items, limit, fn, signal);
}

async function run<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  signal?.throwIfAborted();
  const group = new AbortController();
  const combined = signal ? AbortSignal.any([signal, group.signal]) : group.signal;
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(combined.reason);
    combined.addEventListener('abort', onAbort);
  });
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && !combined.aborted) {
      const index = next++;
      results[index] = await fn(items[index] as T, index, combined);
    }
  }
  const workers = Array.from({ length: Math.min(limit, items.length) }, () =>
    worker().catch((error: unknown) => {
      group.abort(error);
      throw error;
    }),
  );
  try {
    await Promise.race([Promise.all(workers), stopped]);
    return results;
  } finally {
    combined.removeEventListener('abort', onAbort);
  }
}
