/**
 * Exercise: run-group — Go's errgroup, for promises.
 *
 * Go code fans out with errgroup.WithContext: every goroutine gets the same
 * context, the first error cancels it, and Wait() returns that first error.
 * Python 3.11 has asyncio.TaskGroup:
 *
 *     async with asyncio.TaskGroup() as tg:
 *         a = tg.create_task(fetch_profile(user_id))
 *         b = tg.create_task(fetch_invoices(user_id))
 *     # the first failure cancels the other tasks
 *
 * Promise.all does only half of that: it rejects on the first failure but
 * lets the other calls run on, unaware. Write the missing half.
 *
 *     const [profile, invoices] = await runGroup(request.signal, [
 *       (signal) => profiles.get(userId, signal),
 *       (signal) => invoices.list(userId, signal),
 *     ]);
 *
 * Requirements (the grader checks each one):
 *   - Every task is started at once (no task waits for another) and
 *     receives an AbortSignal.
 *   - On success, resolve with every result, in the order of `tasks`
 *     (not the order they finished in). No tasks → [].
 *   - When a task fails, abort the signal the other tasks received, and
 *     reject with THAT error: the first one, not an AggregateError, not a
 *     later one (aborted siblings usually reject with an AbortError next).
 *   - Reject as soon as the first task fails or `parent` aborts, even if
 *     the other tasks ignore their signal and never settle.
 *   - When `parent` aborts, reject with its reason and abort the tasks'
 *     signal. When `parent` is already aborted, start no task at all.
 *   - A task that throws synchronously is a failure like any other: return
 *     a rejected promise, don't throw.
 *   - No unhandled rejections, ever: every promise you create or receive
 *     must have a handler, or Node reports it (and crashes, by default).
 *
 * Tools: AbortController, AbortSignal.any([a, b]), signal.throwIfAborted(),
 * Promise.all and Promise.race.
 *
 * Run `npm test -- run-group` to grade it, `npm run hint run-group` if stuck.
 */
export type Task<T> = (signal: AbortSignal) => Promise<T>;

export async function runGroup<T>(
  parent: AbortSignal,
  tasks: readonly Task<T>[],
): Promise<T[]> {
  // TODO: combine `parent` with a controller of your own.
  // TODO: start every task with the combined signal; the first failure
  //       aborts the others and is the error you reject with.
  throw new Error('runGroup() is not implemented yet');
}
