// mistake: folds with reduce instead of reduceRight, so the LAST middleware listed ends up outermost.
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) =>
    middlewares.reduce<Handler<Ctx>>(
      (inner, middleware) => (request, ctx) => {
        let called = false;
        const once: Handler<Ctx> = (nextRequest, nextCtx) => {
          if (called) return Promise.reject(new Error('next() called more than once'));
          called = true;
          return inner(nextRequest, nextCtx);
        };
        return middleware(once)(request, ctx);
      },
      handler,
    );
}
