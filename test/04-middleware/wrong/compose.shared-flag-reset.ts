// mistake: keeps one once-only flag per layer and resets it when a request arrives, so overlapping requests share it: a request that is still waiting finds the flag set by another and its next() is refused.
/**
 * compose(a, b, c)(handler) is a(b(c(handler))), with one extra rule: a
 * middleware can call next at most once per request.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) =>
    middlewares.reduceRight<Handler<Ctx>>((inner, middleware) => {
      let called = false;
      const once: Handler<Ctx> = (request, ctx) => {
        if (called) return Promise.reject(new Error('next() called more than once'));
        called = true;
        return inner(request, ctx);
      };
      // Built once, like Django's chain at start-up; the flag is reset per request.
      const layer = middleware(once);
      return (request, ctx) => {
        called = false;
        return layer(request, ctx);
      };
    }, handler);
}
