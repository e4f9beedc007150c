// mistake: starts every item at once with Promise.all, ignoring the limit.
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  signal?.throwIfAborted();
  const group = new AbortController();
  const combined = signal ? AbortSignal.any([signal, group.signal]) : group.signal;
  const stopped = new Promise<never>((_, reject) => {
    combined.addEventListener('abort', () => reject(combined.reason), { once: true });
  });
  const running = items.map((item, index) =>
    fn(item, index, combined).catch((error: unknown) => {
      group.abort(error);
      throw error;
    }),
  );
  return Promise.race([Promise.all(running), stopped]);
}
