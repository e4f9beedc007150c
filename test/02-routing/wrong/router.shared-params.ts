// mistake: reuses one params object per route instead of one per request (to save an allocation), so an async handler that awaits sees the params of a later request.
export type Params = Record<string, string>;
export type RouteHandler = (request: Request, params: Params) => Response | Promise<Response>;

export interface Router {
  on(method: string, pattern: string, handler: RouteHandler): Router;
  handle(request: Request): Promise<Response>;
}

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
  params: Params;
}

const json = (body: unknown, status: number, headers?: HeadersInit) => Response.json(body, { status, headers });

// "/" → ["", ""], "/invoices/42" → ["", "invoices", "42"]: a pattern and a
// path split alike, so the root needs no special case, and a trailing slash
// leaves an empty last segment that no route's segment matches.
const split = (path: string): string[] => path.split('/');

/** Raw (still percent-encoded) params, or null when the path does not fit the pattern. */
function match(route: Route, segments: string[]): Map<string, string> | null {
  if (route.segments.length !== segments.length) return null;
  const params = new Map<string, string>();
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i]!;
    const got = segments[i]!;
    if (want.startsWith(':')) {
      if (got === '') return null;
      params.set(want.slice(1), got);
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}

function decode(raw: Map<string, string>, params: Params): Params | null {
  for (const [name, value] of raw) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return params;
}

export function createRouter(): Router {
  const routes: Route[] = [];

  const find = (segments: string[]) =>
    routes.flatMap((route) => {
      const params = match(route, segments);
      return params ? [{ route, params }] : [];
    });

  async function dispatch(request: Request, segments: string[]): Promise<Response | null> {
    const matches = find(segments);
    if (matches.length === 0) return null;
    // Compared as sent: HTTP methods are case-sensitive (RFC 9110 §9.1), and
    // fetch and Node's HTTP parser already upper-case the standard ones.
    const method = request.method;
    const hit =
      matches.find((m) => m.route.method === method) ??
      (method === 'HEAD' ? matches.find((m) => m.route.method === 'GET') : undefined);
    if (!hit) {
      const allowed = new Set(matches.map((m) => m.route.method));
      if (allowed.has('GET')) allowed.add('HEAD');
      return json({ error: 'method_not_allowed' }, 405, { Allow: [...allowed].sort().join(', ') });
    }
    const params = decode(hit.params, hit.route.params);
    if (!params) return json({ error: 'bad_request' }, 400);
    const response = await hit.route.handler(request, params);
    // A HEAD answer never has a body, whichever route served it.
    if (method === 'HEAD') {
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    return response;
  }

  return {
    on(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), segments: split(pattern), handler, params: Object.create(null) });
      return this;
    },
    async handle(request) {
      const url = new URL(request.url);
      const response = await dispatch(request, split(url.pathname));
      if (response) return response;
      // "/invoices/" → "/invoices", but only when that is a real route. (A path
      // without a trailing slash is its own canonical form, which just failed.)
      const canonical = url.pathname.replace(/\/+$/, '') || '/';
      if (find(split(canonical)).length > 0) {
        return new Response(null, { status: 308, headers: { Location: canonical + url.search } });
      }
      return json({ error: 'not_found' }, 404);
    },
  };
}
