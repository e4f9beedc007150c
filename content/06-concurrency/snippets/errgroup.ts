/**
 * The errgroup pattern inside a handler: one signal per request that
 * fires when the client leaves, when the deadline passes, or when any
 * call fails; every call receives it.
 */
import type { Upstream } from './fan-out.ts';

export interface DashboardDeps {
  api: Upstream;
  /** AbortSignal.timeout in production; tests inject their own. */
  timeout?: (ms: number) => AbortSignal;
}

// #region handler
export function dashboard(deps: DashboardDeps) {
  const { api, timeout = AbortSignal.timeout } = deps;
  return async (request: Request, userId: number) => {
    const deadline = timeout(2_000);
    const group = new AbortController();
    // Fires when the client leaves, the deadline passes, or we abort.
    const signal = AbortSignal.any([
      request.signal,
      deadline,
      group.signal,
    ]);
    // First failure aborts the rest; abort() ignores later calls.
    const go = <T>(call: Promise<T>) =>
      call.catch((error: unknown) => {
        group.abort(error);
        throw error;
      });
    try {
      const [profile, invoices] = await Promise.all([
        go(api.profile(userId, signal)),
        go(api.invoices(userId, signal)),
      ]);
      return Response.json({ profile, invoices });
    } catch {
      group.abort(); // nothing keeps running for this request
      const status = deadline.aborted ? 504 : 502;
      return Response.json({ error: 'upstream' }, { status });
    }
  };
}
// #endregion
