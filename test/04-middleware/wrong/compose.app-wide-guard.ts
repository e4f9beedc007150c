// mistake: creates the once-only flag when the chain is built, so it is shared by every request and the second request fails.
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
      return middleware(once);
    }, handler);
}
