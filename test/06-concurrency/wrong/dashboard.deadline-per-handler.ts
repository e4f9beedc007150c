// mistake: the deadline is made once in makeDashboard, so it counts from when the server built the handler: two seconds later every request answers 504 at once.
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
  // One deadline for the handler: cheaper than a timer per request.
  const deadline = timeout(DEADLINE_MS);
  return async function dashboard(request: Request, ctx: { userId: number }): Promise<Response> {
    // nginx's convention for "client closed the request": nobody reads it,
    // but logs and metrics should not count it as a success or a 5xx.
    if (request.signal.aborted) return clientGone();

    const group = new AbortController();
    // One signal, three reasons to stop: the client left, the deadline
    // passed, or a sibling failed.
    const signal = AbortSignal.any([request.signal, deadline, group.signal]);

    let onAbort = () => {};
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });

    const call = <T>(service: Service<T>): Promise<T> =>
      service(ctx.userId, signal).catch((error: unknown) => {
        group.abort(error);
        throw error;
      });

    try {
      // All three start here, before any is awaited.
      const [profile, invoices, notifications] = await Promise.race([
        Promise.all([call(services.profile), call(services.invoices), call(services.notifications)]),
        stopped,
      ]);
      return Response.json({ profile, invoices, notifications });
    } catch (error) {
      // Whatever happened, nothing may keep running for this request.
      group.abort(error);
      if (request.signal.aborted) return clientGone();
      if (deadline.aborted) {
        return Response.json({ error: 'upstream timeout' }, { status: 504 });
      }
      logError(error); // the details go to the log, never to the client
      return Response.json({ error: 'upstream failure' }, { status: 502 });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
}

function clientGone(): Response {
  return Response.json({ error: 'client closed request' }, { status: 499 });
}
