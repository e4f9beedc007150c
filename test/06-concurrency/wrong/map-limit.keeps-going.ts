// mistake: records a failure but lets the workers keep starting new items, rejecting only at the end.
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: Mapper<T, R>, signal?: AbortSignal): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  signal?.throwIfAborted();
  const combined = signal ?? new AbortController().signal;
  const results = new Array<R>(items.length);
  const errors: unknown[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && !combined.aborted) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index, combined);
      } catch (error) {
        errors.push(error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
  combined.throwIfAborted();
  return results;
}
