/**
 * The two types every middleware in this chapter is built from, and
 * compose(): the whole "framework" is a dozen lines.
 * Tested in test/snippets/04-middleware.test.ts.
 */

// #region types
export type Handler<Ctx> = (
  request: Request,
  ctx: Ctx,
) => Promise<Response>;

// Takes the next handler, returns a handler. In is the context this
// layer receives; Out is the context it hands on (often the same).
export type Middleware<In, Out = In> = (
  next: Handler<Out>,
) => Handler<In>;
// #endregion

// #region compose
// The overloads chain the types: each layer's Out is the next one's In.
export function compose<A, B>(
  m1: Middleware<A, B>,
): (handler: Handler<B>) => Handler<A>;
export function compose<A, B, C>(
  m1: Middleware<A, B>,
  m2: Middleware<B, C>,
): (handler: Handler<C>) => Handler<A>;
export function compose<A, B, C, D>(
  m1: Middleware<A, B>,
  m2: Middleware<B, C>,
  m3: Middleware<C, D>,
): (handler: Handler<D>) => Handler<A>;
export function compose<A, B, C, D, E>(
  m1: Middleware<A, B>,
  m2: Middleware<B, C>,
  m3: Middleware<C, D>,
  m4: Middleware<D, E>,
): (handler: Handler<E>) => Handler<A>;
// The runtime: the last middleware wraps the handler first, so the
// first one listed ends up outermost.
export function compose(...layers: Middleware<any, any>[]) {
  return (handler: Handler<any>) =>
    layers.reduceRight((next, layer) => layer(next), handler);
}
// #endregion

// #region with-header
// A copy with one header set. The original's headers may be
// immutable: Response.redirect() and fetch() results throw on set().
export function withHeader(
  response: Response,
  name: string,
  value: string,
): Response {
  const copy = new Response(response.body, response);
  copy.headers.set(name, value);
  return copy;
}
// #endregion
