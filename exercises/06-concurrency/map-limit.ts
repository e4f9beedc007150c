/**
 * Exercise: map-limit — bounded concurrency.
 *
 * A page of 50 invoices needs each invoice's payment history from a
 * payments service that allows 4 concurrent requests per client. Python
 * would reach for a semaphore:
 *
 *     sem = asyncio.Semaphore(4)
 *     async def one(invoice):
 *         async with sem:
 *             return await load_payments(invoice.id)
 *     payments = await asyncio.gather(*(one(i) for i in invoices))
 *
 * and a thread pool would be ThreadPoolExecutor(max_workers=4).map(...).
 * Write the TypeScript version:
 *
 *     const payments = await mapLimit(
 *       invoices, 4,
 *       (invoice, _index, signal) => loadPayments(invoice.id, signal),
 *       request.signal,
 *     );
 *
 * Requirements (the grader checks each one):
 *   - Never more than `limit` calls of `fn` in flight at once, and use the
 *     limit: `limit` calls start straight away (when there are that many
 *     items), and a new one starts as soon as any call finishes, not when
 *     a whole batch has finished.
 *   - Resolve with the results in the order of `items`, whatever order the
 *     calls finish in. No items → [] without calling fn.
 *   - `fn` receives (item, index, signal).
 *   - On the first failure: start no further item, abort the signal the
 *     in-flight calls received, and reject with that first error, without
 *     waiting for calls that ignore their signal.
 *   - When the caller's `signal` aborts: same thing, rejecting with its
 *     reason. If it is already aborted, call fn not at all. Remove any
 *     'abort' listener you add once you settle: the caller's signal (a
 *     request's, a server's shutdown signal) may outlive this call by far.
 *   - `limit` must be a positive integer: return a RangeError rejection
 *     otherwise (0 must not hang forever), checked first, also when there
 *     are no items: a limit of NaN from a bad setting must fail on the
 *     first call, not on the first non-empty page.
 *   - No unhandled rejections.
 *
 * Run `npm test -- map-limit` to grade it, `npm run hint map-limit` if stuck.
 */
export type Mapper<T, R> = (item: T, index: number, signal: AbortSignal) => Promise<R>;

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: Mapper<T, R>,
  signal?: AbortSignal,
): Promise<R[]> {
  // TODO: validate `limit`.
  // TODO: start up to `limit` workers that each take the next index,
  //       call fn, and store the result at that index.
  // TODO: the first failure (or the caller's signal) stops everything.
  throw new Error('mapLimit() is not implemented yet');
}
