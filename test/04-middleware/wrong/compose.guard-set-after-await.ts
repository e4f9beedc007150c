// mistake: sets the once-only flag after the inner chain resolves, so two next() calls started together both run the handler.
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
      (inner, middleware) => (request, ctx) => {
        // The guard must be per request. A flag created outside this
        // function would be shared by every request, and the second
        // request would find it already set.
        let called = false;
        const once: Handler<Ctx> = (nextRequest, nextCtx) => {
          if (called) return Promise.reject(new Error('next() called more than once'));
          return inner(nextRequest, nextCtx).then((r) => {
            called = true;
            return r;
          });
        };
        // Applying the middleware per request costs one closure; it is
        // what lets each request have its own one-shot next.
        return middleware(once)(request, ctx);
      },
      handler,
    );
}
