/**
 * Exercise: dashboard — a fan-out with a deadline.
 *
 * The FastAPI version (prose: FastAPI is not part of this workbook):
 *
 *     @app.get("/dashboard")
 *     async def dashboard(user=Depends(current_user)):
 *         try:
 *             async with asyncio.timeout(2):
 *                 profile, invoices, notes = await asyncio.gather(
 *                     get_profile(user.id),
 *                     get_invoices(user.id),
 *                     get_notifications(user.id),
 *                 )
 *         except TimeoutError:
 *             raise HTTPException(504, "upstream timeout")
 *         return {"profile": profile, "invoices": invoices,
 *                 "notifications": notes}
 *
 * (gather() on its own does NOT cancel the other calls when one fails;
 * a TaskGroup would.)
 *
 * Requirements (the grader checks each one):
 *   - Call the three services concurrently: all three start before any of
 *     them settles, each with ctx.userId and an AbortSignal. The response
 *     takes as long as the slowest call, not the sum.
 *   - All succeed → 200 {"profile": …, "invoices": …, "notifications": …}.
 *   - The deadline is DEADLINE_MS from the start of each request. Make it
 *     with deps.timeout(DEADLINE_MS), not AbortSignal.timeout directly:
 *     the grader's fake clock cannot drive AbortSignal.timeout, so it
 *     injects its own. Past the deadline → 504 {"error": "upstream
 *     timeout"}. Ask the deadline signal whether it fired, not the
 *     error's name: an upstream may reject with a TimeoutError of its own
 *     (that is a 502), and the deadline's reason may be anything.
 *   - Any service fails → 502 {"error": "upstream failure"}: no part of
 *     the dashboard is optional. Never put the upstream error's message
 *     in the body; pass that error to deps.logError, once.
 *   - The client disconnects (request.signal aborts) → answer at once with
 *     499 {"error": "client closed request"}. Already aborted → 499
 *     without calling any service.
 *   - In every failure case, abort the signal of every call still in
 *     flight, and answer without waiting for services that ignore it.
 *   - Everything belongs to one request: its controller, its deadline, and
 *     any 'abort' listener you add, which you remove once you answer
 *     (request.signal can outlive the call).
 *   - No unhandled rejections.
 *
 * Run `npm test -- dashboard` to grade it, `npm run hint dashboard` if stuck.
 */
export interface Profile {
  name: string;
}
export interface InvoiceSummary {
  open: number;
  overdueCents: number;
}
export interface Notification {
  id: number;
  text: string;
}

export type Service<T> = (userId: number, signal: AbortSignal) => Promise<T>;

export interface Services {
  profile: Service<Profile>;
  invoices: Service<InvoiceSummary>;
  notifications: Service<Notification[]>;
}

export interface Deps {
  services: Services;
  /** AbortSignal.timeout in production; tests pass one their fake clock drives. */
  timeout?: (ms: number) => AbortSignal;
  /** Where upstream errors go instead of the response body. */
  logError?: (error: unknown) => void;
}

export const DEADLINE_MS = 2_000;

export function makeDashboard({ services, timeout = AbortSignal.timeout, logError = () => {} }: Deps) {
  return async function dashboard(request: Request, ctx: { userId: number }): Promise<Response> {
    // TODO: one signal from request.signal, timeout(DEADLINE_MS) and a
    //       controller of your own; start all three calls with it.
    // TODO: 200 / 504 / 502 / 499 as described above.
    throw new Error('dashboard() is not implemented yet');
  };
}
