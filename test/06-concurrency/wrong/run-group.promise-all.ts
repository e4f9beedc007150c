// mistake: uses Promise.all with the parent signal, so a failure never aborts the sibling tasks.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  return Promise.all(tasks.map(async (task) => task(parent)));
}
