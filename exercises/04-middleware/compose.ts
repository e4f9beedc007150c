/**
 * Exercise: compose — the order of the chain, written as one line.
 *
 * In Django the order lives in settings.py:
 *
 *     MIDDLEWARE = [
 *         "api.middleware.RequestIdMiddleware",   # outermost
 *         "api.middleware.TimingMiddleware",
 *         "api.middleware.JsonErrorMiddleware",
 *         "api.middleware.BearerTokenMiddleware", # innermost
 *     ]
 *
 * and Django's handler builds the chain from that list at start-up. Here a
 * middleware is a function from the next handler to a new handler, and
 * `compose(a, b, c)` is the list:
 *
 *   - compose(a, b, c)(handler) behaves exactly like a(b(c(handler))):
 *     the FIRST middleware listed is the OUTERMOST. A request passes
 *     through a, then b, then c, then reaches the handler; the response
 *     comes back through c, then b, then a.
 *   - compose() with no middleware returns a handler that just calls the
 *     handler.
 *   - Whatever request and context a middleware passes to `next` is what
 *     the next layer receives (middleware may add to the context).
 *   - A middleware that returns a Response without calling `next`
 *     short-circuits: no inner middleware and no handler runs, and the
 *     outer middleware still see that Response on its way out.
 *   - Within ONE request, `next` may be called at most once. A second call
 *     must not run the rest of the chain again: it rejects (or throws)
 *     with Error("next() called more than once"). Every new request gets
 *     a fresh `next` that can be called once.
 *   - The result is itself a Middleware, so compose(a, compose(b, c)) is
 *     the same chain as compose(a, b, c).
 *
 * Hint for the "at most once" rule: a middleware only sees `next` when it
 * is called with it, so give it a fresh one-shot `next` for each request
 * (call middleware(oneShotNext) inside the per-request function).
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (_handler) => {
    // TODO: wrap the handler so that middlewares[0] is the outermost layer.
    // TODO: guard next() so it runs the inner chain at most once per request.
    void middlewares;
    throw new Error('compose() is not implemented yet');
  };
}
