// mistake: gives the tasks only the group's own signal, so the parent (the client disconnecting) aborts nothing.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  const group = new AbortController();
  const stopped = new Promise<never>((_, reject) => {
    group.signal.addEventListener('abort', () => reject(group.signal.reason), { once: true });
  });
  const running = tasks.map(async (task) => {
    try {
      return await task(group.signal);
    } catch (error) {
      group.abort(error);
      throw error;
    }
  });
  return Promise.race([Promise.all(running), stopped]);
}
