// mistake: trusts { once: true } to clean up: the listener goes only when the signal fires, so every group that succeeds leaves it on the AbortSignal.any() signal, which Node then keeps alive (with the group) for as long as the parent lives.
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(
  parent: AbortSignal,
  tasks: readonly Task<T>[],
): Promise<T[]> {
  // A cancelled request starts nothing.
  parent.throwIfAborted();

  // One controller for the group, combined with the parent: the tasks
  // see a single signal that fires for either reason.
  const group = new AbortController();
  const signal = AbortSignal.any([parent, group.signal]);

  // Settles (rejects) the moment the combined signal fires, whether or
  // not the tasks listen to it. Its reason is the FIRST cause: the parent's
  // reason, or the first task error passed to group.abort() below.
  const stopped = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

  const running = tasks.map(async (task) => {
    try {
      // Inside an async function, a task that throws synchronously
      // becomes a rejection like any other.
      return await task(signal);
    } catch (error) {
      // abort() is a no-op once aborted, so only the first error sticks.
      group.abort(error);
      throw error;
    }
  });

  return Promise.race([Promise.all(running), stopped]);
}
