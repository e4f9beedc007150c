// mistake: calls the inner layer with the request and context it started with, dropping what the middleware passed to next.
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) =>
    middlewares.reduceRight<Handler<Ctx>>(
      (inner, middleware) => (request, ctx) => {
        let called = false;
        const once: Handler<Ctx> = () => {
          if (called) return Promise.reject(new Error('next() called more than once'));
          called = true;
          return inner(request, ctx);
        };
        return middleware(once)(request, ctx);
      },
      handler,
    );
}
