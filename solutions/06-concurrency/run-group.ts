/**
 * runGroup: Go's errgroup for promises. Every task receives one shared
 * AbortSignal; the first failure aborts that signal for the others and
 * becomes the group's error.
 */
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
  // The listener goes on the combined signal, never on `parent`, and the
  // finally below removes it on every path: a parent may live as long as
  // the server, and each listener left behind keeps a whole group alive.
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort);
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

  try {
    // Promise.all and Promise.race attach a handler to every promise,
    // so the siblings' later rejections are never "unhandled".
    return await Promise.race([Promise.all(running), stopped]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
