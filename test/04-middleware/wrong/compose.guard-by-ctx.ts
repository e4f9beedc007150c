// mistake: remembers which context objects already went through next (a WeakSet per layer), so overlapping requests that share one ctx object refuse each other, and a middleware that passes a new ctx to each call runs the handler twice.
/**
 * compose(a, b, c)(handler) is a(b(c(handler))), with one extra rule: a
 * middleware can call next at most once per request.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) =>
    middlewares.reduceRight<Handler<Ctx>>((inner, middleware) => {
      // "The context is per request, so it can key the guard."
      const seen = new WeakSet<object>();
      return (request, ctx) => {
        const once: Handler<Ctx> = (nextRequest, nextCtx) => {
          if (seen.has(nextCtx as object)) return Promise.reject(new Error('next() called more than once'));
          seen.add(nextCtx as object);
          return inner(nextRequest, nextCtx).finally(() => seen.delete(nextCtx as object));
        };
        return middleware(once)(request, ctx);
      };
    }, handler);
}
