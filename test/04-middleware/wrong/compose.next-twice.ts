// mistake: hands each middleware the inner handler itself, so calling next twice runs the rest of the chain twice.
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export type Middleware<Ctx> = (next: Handler<Ctx>) => Handler<Ctx>;

export function compose<Ctx>(...middlewares: Middleware<Ctx>[]): Middleware<Ctx> {
  return (handler) => middlewares.reduceRight<Handler<Ctx>>((inner, middleware) => middleware(inner), handler);
}
