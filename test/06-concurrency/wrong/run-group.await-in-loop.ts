// mistake: starts every task but awaits them one by one, so a later task's rejection goes unhandled and an early failure is seen late.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  const group = new AbortController();
  const signal = AbortSignal.any([parent, group.signal]);
  const running = tasks.map(async (task) => task(signal));
  const results: T[] = [];
  for (const promise of running) {
    try {
      results.push(await promise);
    } catch (error) {
      group.abort(error);
      throw error;
    }
  }
  return results;
}
