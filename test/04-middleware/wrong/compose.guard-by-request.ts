// mistake: keys the once-only guard on the Request object (a WeakSet per layer): the same Request dispatched twice is refused, and a middleware that passes a new Request to each next() call runs the handler twice.
/**
 * compose(a, b, c)(handler) is a(b(c(handler))), with one extra rule: a
 * middleware can call next at most once per request.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) =>
    // reduceRight: the last middleware wraps the handler first, so the
    // first one listed ends up outermost, as it reads.
    middlewares.reduceRight<Handler<Ctx>>(
      (inner, middleware) => { const seen = new WeakSet<Request>(); return (request, ctx) => {
        // The guard must be per request. A flag created outside this
        // function would be shared by every request, and the second
        // request would find it already set.
        const once: Handler<Ctx> = (nextRequest, nextCtx) => {
          if (seen.has(nextRequest)) return Promise.reject(new Error('next() called more than once'));
          seen.add(nextRequest);
          return inner(nextRequest, nextCtx);
        };
        // Applying the middleware per request costs one closure; it is
        // what lets each request have its own one-shot next.
        return middleware(once)(request, ctx);
      }; },
      handler,
    );
}
