// mistake: listens on the parent signal directly (and on the group's) and never removes either listener: every call on a long-lived parent (a shutdown signal, a request with several fan-outs) leaks a listener and the group's closures.
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
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    parent.addEventListener('abort', () => reject(parent.reason));
    group.signal.addEventListener('abort', () => reject(group.signal.reason));
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
