// mistake: forwards the parent's abort with a listener on `parent` and removes it after the await instead of in a finally: every group that fails or is cancelled leaves its listener (and its tasks' closures) on the long-lived parent.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(parent: AbortSignal, tasks: readonly Task<T>[]): Promise<T[]> {
  parent.throwIfAborted();
  const group = new AbortController();
  const forward = () => group.abort(parent.reason);
  parent.addEventListener('abort', forward);
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
  const results = await Promise.race([Promise.all(running), stopped]);
  parent.removeEventListener('abort', forward);
  return results;
}
