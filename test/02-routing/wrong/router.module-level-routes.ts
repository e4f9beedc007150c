// mistake: keeps the route table in a module-level array, so every createRouter() shares it and one router serves another’s routes.
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
}

const json = (body: unknown, status: number, headers?: HeadersInit) => Response.json(body, { status, headers });

function split(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

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

function decode(raw: Map<string, string>): Params | null {
  // No prototype: a segment called "__proto__" or "constructor" is just a string.
  const params: Params = Object.create(null);
  for (const [name, value] of raw) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return params;
}

const routes: Route[] = [];

export function createRouter(): Router {

  const find = (segments: string[]) =>
    routes.flatMap((route) => {
      const params = match(route, segments);
      return params ? [{ route, params }] : [];
    });

  async function dispatch(request: Request, segments: string[]): Promise<Response | null> {
    const matches = find(segments);
    if (matches.length === 0) return null;
    const method = request.method.toUpperCase();
    const hit =
      matches.find((m) => m.route.method === method) ??
      (method === 'HEAD' ? matches.find((m) => m.route.method === 'GET') : undefined);
    if (!hit) {
      const allowed = new Set(matches.map((m) => m.route.method));
      if (allowed.has('GET')) allowed.add('HEAD');
      return json({ error: 'method_not_allowed' }, 405, { Allow: [...allowed].sort().join(', ') });
    }
    const params = decode(hit.params);
    if (!params) return json({ error: 'bad_request' }, 400);
    const response = await hit.route.handler(request, params);
    if (method === 'HEAD' && hit.route.method === 'GET') {
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    return response;
  }

  return {
    on(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
      return this;
    },
    async handle(request) {
      const url = new URL(request.url);
      const response = await dispatch(request, split(url.pathname));
      if (response) return response;
      // "/invoices/" → "/invoices", but only when that is a real route.
      if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
        const canonical = url.pathname.replace(/\/+$/, '') || '/';
        if (find(split(canonical)).length > 0) {
          return new Response(null, { status: 308, headers: { Location: canonical + url.search } });
        }
      }
      return json({ error: 'not_found' }, 404);
    },
  };
}
