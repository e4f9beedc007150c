/**
 * Exercise: router — the URLconf, as code you can read.
 *
 * Django splits routing in two: urls.py says which view a path reaches, and
 * a decorator (@require_GET) or an `if request.method` says which methods it
 * accepts. Here both live on one line:
 *
 *     const router = createRouter()
 *       .on('GET', '/invoices', listInvoices)
 *       .on('POST', '/invoices', createInvoice)
 *       .on('GET', '/invoices/:id', showInvoice);
 *     const response = await router.handle(request);
 *
 * Requirements (the grader checks each one):
 *   - A pattern is made of "/"-separated segments. A segment starting with
 *     ":" captures exactly one non-empty path segment into params under that
 *     name; any other segment must match exactly. "/" is the root.
 *   - Methods are case-insensitive when registering ("get" = "GET"). A
 *     request's method is compared as sent: HTTP methods are case-sensitive,
 *     and fetch already upper-cases the standard ones.
 *   - Routes are tried in registration order; the first match wins, even
 *     when a later route is more specific ("/invoices/:id" registered before
 *     "/invoices/new" serves GET /invoices/new).
 *   - Each router has its own routes: two createRouter() calls share nothing.
 *   - The handler is called as handler(request, params). Params are
 *     percent-decoded ("caf%C3%A9" → "café"); a malformed escape such as
 *     "%E0%A4%A" → 400 with JSON {"error": "bad_request"}, handler not called.
 *     A segment named "__proto__" or "constructor" is just a string value.
 *   - No route matches the path → 404 JSON {"error": "not_found"}.
 *   - A route matches the path but not the method → 405 JSON
 *     {"error": "method_not_allowed"} with an Allow header listing the
 *     methods that would have matched, each once, sorted and joined by ", ",
 *     with HEAD included whenever GET is: "GET, HEAD, POST".
 *   - HEAD runs the path's HEAD route when it has one, otherwise its GET
 *     handler, and returns that response's status and headers with an empty
 *     body.
 *   - A path with a trailing slash ("/invoices/") that has no route of its own
 *     → 308 redirect, Location "/invoices" (query string kept), when the
 *     path without its trailing slashes has a route ("/invoices//" →
 *     "/invoices", "//" → "/"); otherwise 404.
 *   - Handlers may be async and slow: overlapping requests through one
 *     router each get their own params.
 *   - The query string never affects matching.
 */
export type Params = Record<string, string>;
export type RouteHandler = (request: Request, params: Params) => Response | Promise<Response>;

export interface Router {
  on(method: string, pattern: string, handler: RouteHandler): Router;
  handle(request: Request): Promise<Response>;
}

export function createRouter(): Router {
  // TODO: keep the registered routes (method, pattern segments, handler).
  return {
    on(_method, _pattern, _handler) {
      // TODO: remember the route.
      return this;
    },
    async handle(_request) {
      // TODO: match the path, then the method; 404 / 405 / HEAD / 308 / 400.
      throw new Error('router.handle() is not implemented yet');
    },
  };
}
