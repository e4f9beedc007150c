// mistake: sets the header on the handler's Response in place, which throws for immutable headers such as Response.redirect().
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface RequestIdContext {
  requestId: string;
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

const WELL_FORMED = /^[A-Za-z0-9._-]{1,64}$/;

export function requestId<Ctx extends object>(
  next: Handler<Ctx & RequestIdContext>,
): Handler<Ctx> {
  return async (request, ctx) => {
    const incoming = request.headers.get(REQUEST_ID_HEADER);
    if (incoming !== null && !WELL_FORMED.test(incoming)) {
      const rejected = Response.json({ error: 'invalid_request_id' }, { status: 400 });
      rejected.headers.set(REQUEST_ID_HEADER, crypto.randomUUID());
      return rejected;
    }
    const id = incoming ?? crypto.randomUUID();
    const response = await next(request, { ...ctx, requestId: id });
    response.headers.set(REQUEST_ID_HEADER, id);
    return response;
  };
}
