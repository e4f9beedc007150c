// mistake: one AbortController at module level "to save an allocation": after the first failure every later group starts with an aborted signal, and one group's failure aborts every other group running at the same time.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

const group = new AbortController();

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  const signal = AbortSignal.any([parent, group.signal]);
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = tasks.map(async (task) => {
    try {
      return await task(signal);
    } catch (error) {
      group.abort(error);
      throw error;
    }
  });
  try {
    return await Promise.race([Promise.all(running), stopped]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
