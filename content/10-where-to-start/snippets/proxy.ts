/**
 * The strangler's routing rule as a Request → Response function: one
 * method + path prefix goes to the new TypeScript service for a share of
 * users, everything else keeps going to Django. In production this rule
 * usually lives in the load balancer or nginx; written here, it is a few
 * lines you can unit-test, and the same logic whichever proxy runs it.
 */
export type Handler = (request: Request) => Promise<Response>;
export type Side = 'legacy' | 'modern';

// #region rule
export interface Route {
  method: string; // 'GET'
  prefix: string; // '/api/expenses/' (ends in '/': a segment)
  percent: number; // 0–100: share of users sent to modern
}

export interface StranglerOptions {
  legacy: Handler; // Django, as today
  modern: Handler; // the TypeScript service
  routes: readonly Route[];
  /** Who the request belongs to: one user always sees one side. */
  stickyKey: (request: Request) => string;
}

export function chooseSide(o: StranglerOptions, request: Request): Side {
  const forced = request.headers.get('x-backend');
  if (forced === 'legacy' || forced === 'modern') return forced;
  const { pathname } = new URL(request.url);
  const route = o.routes.find(
    (r) => r.method === request.method && pathname.startsWith(r.prefix),
  );
  if (!route) return 'legacy';
  return bucket(o.stickyKey(request)) < route.percent ? 'modern' : 'legacy';
}
// #endregion

// #region handler
export function strangler(o: StranglerOptions): Handler {
  return async (request) => {
    const side = chooseSide(o, request);
    const response = await (side === 'modern' ? o.modern : o.legacy)(request);
    // Copy before setting: fetch() responses have immutable headers.
    const out = new Response(response.body, response);
    out.headers.set('X-Served-By', side);
    return out;
  };
}
// #endregion

// #region bucket
/** 0–99, stable for a key: FNV-1a, not Math.random(). */
export function bucket(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash % 100;
}
// #endregion

// #region forward
/** Sends the request on to an upstream origin, path and query kept. */
export function forwardTo(origin: string, send = fetch): Handler {
  return (request) => {
    const url = new URL(request.url);
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      duplex: 'half', // Node needs this to stream a request body
      signal: request.signal,
      redirect: 'manual', // Django's redirects go back to the client
    };
    return send(new Request(new URL(url.pathname + url.search, origin), init));
  };
}
// #endregion

/** The sticky key used below: the session cookie, else the client address. */
export function sessionKey(request: Request): string {
  const cookie = request.headers.get('cookie') ?? '';
  const session = /(?:^|;\s*)sessionid=([^;]+)/.exec(cookie)?.[1];
  return session ?? request.headers.get('x-forwarded-for') ?? '';
}
