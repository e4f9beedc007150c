// mistake: returns [] for no items before checking the limit: mapLimit([], NaN) resolves, so a limit read from a bad setting (Number(process.env.CONCURRENCY)) is only found on the first non-empty page.
/**
 * mapLimit: map over items with at most `limit` calls in flight, results
 * in input order, the first failure stopping everything.
 */
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: Mapper<T, R>,
  signal?: AbortSignal,
): Promise<R[]> {
  if (items.length === 0) return [];
  // limit 0 would start no worker and never settle: refuse it up front.
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  signal?.throwIfAborted();

  const group = new AbortController();
  const combined = signal ? AbortSignal.any([signal, group.signal]) : group.signal;
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(combined.reason);
    combined.addEventListener('abort', onAbort, { once: true });
  });

  const results = new Array<R>(items.length);
  // Shared by the workers. No lock needed: only one callback runs at a
  // time, and `next++` happens between awaits.
  let next = 0;

  async function worker(): Promise<void> {
    while (next < items.length && !combined.aborted) {
      const index = next++;
      // Store by index: calls finish in any order.
      results[index] = await fn(items[index] as T, index, combined);
    }
  }

  // A pool of `limit` workers, not batches of `limit`: each worker takes
  // the next item as soon as its previous call finishes.
  const workers = Array.from({ length: Math.min(limit, items.length) }, () =>
    worker().catch((error: unknown) => {
      group.abort(error); // first error wins; later aborts are no-ops
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
