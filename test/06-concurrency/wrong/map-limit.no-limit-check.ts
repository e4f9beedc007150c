// mistake: does not validate the limit, so a limit of 0 or NaN starts no call and resolves with empty slots instead of a RangeError.
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  signal?.throwIfAborted();
  const group = new AbortController();
  const combined = signal ? AbortSignal.any([signal, group.signal]) : group.signal;
  const stopped = new Promise<never>((_, reject) => {
    combined.addEventListener('abort', () => reject(combined.reason), { once: true });
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
  await Promise.race([Promise.all(workers), stopped]);
  return results;
}
