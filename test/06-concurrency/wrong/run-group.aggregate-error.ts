// mistake: aborts the siblings but waits for all of them and rejects with an AggregateError instead of the first error.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  const group = new AbortController();
  const signal = AbortSignal.any([parent, group.signal]);
  const settled = await Promise.allSettled(
    tasks.map(async (task) => {
      try {
        return await task(signal);
      } catch (error) {
        group.abort(error);
        throw error;
      }
    }),
  );
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
  if (errors.length > 0) throw new AggregateError(errors, 'tasks failed');
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
