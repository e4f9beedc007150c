// mistake: awaits each task before starting the next, so the group takes the sum of the times.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  const group = new AbortController();
  const signal = AbortSignal.any([parent, group.signal]);
  const results: T[] = [];
  for (const task of tasks) {
    try {
      results.push(await task(signal));
    } catch (error) {
      group.abort(error);
      throw error;
    }
  }
  return results;
}
