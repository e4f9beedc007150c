// mistake: clears the once-only flag when the inner chain settles (try … finally { called = false }), so a middleware that retries after the first call finished runs the handler again.
/**
 * compose(a, b, c)(handler) is a(b(c(handler))), with one extra rule: a
 * middleware can call next at most once per request.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) =>
    middlewares.reduceRight<Handler<Ctx>>(
      (inner, middleware) => (request, ctx) => {
        // "At most one call in flight": a concurrency guard, not a once-only one.
        let called = false;
        const once: Handler<Ctx> = async (nextRequest, nextCtx) => {
          if (called) throw new Error('next() called more than once');
          called = true;
          try {
            return await inner(nextRequest, nextCtx);
          } finally {
            called = false;
          }
        };
        return middleware(once)(request, ctx);
      },
      handler,
    );
}
