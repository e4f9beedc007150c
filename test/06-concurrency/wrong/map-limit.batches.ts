// mistake: runs the items in batches of `limit`, so one slow call holds back the start of the next batch.
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  signal?.throwIfAborted();
  const group = new AbortController();
  const combined = signal ? AbortSignal.any([signal, group.signal]) : group.signal;
  const stopped = new Promise<never>((_, reject) => {
    combined.addEventListener('abort', () => reject(combined.reason), { once: true });
  });
  stopped.catch(() => {});
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) {
    const batch = items.slice(start, start + limit).map((item, i) =>
      fn(item, start + i, combined).catch((error: unknown) => {
        group.abort(error);
        throw error;
      }),
    );
    results.push(...(await Promise.race([Promise.all(batch), stopped])));
  }
  return results;
}
