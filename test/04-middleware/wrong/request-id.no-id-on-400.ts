// mistake: returns its own 400 without an X-Request-Id, so the one error a client reports cannot be found in the logs.
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface RequestIdContext {
  requestId: string;
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

const WELL_FORMED = /^[A-Za-z0-9._-]{1,64}$/;

function withRequestId(response: Response, id: string): Response {
  const copy = new Response(response.body, response);
  copy.headers.set(REQUEST_ID_HEADER, id);
  return copy;
}

export function requestId<Ctx extends object>(
  next: Handler<Ctx & RequestIdContext>,
): Handler<Ctx> {
  return async (request, ctx) => {
    const incoming = request.headers.get(REQUEST_ID_HEADER);
    if (incoming !== null && !WELL_FORMED.test(incoming)) {
      return Response.json({ error: 'invalid_request_id' }, { status: 400 });
    }
    const id = incoming ?? crypto.randomUUID();
    const response = await next(request, { ...ctx, requestId: id });
    return withRequestId(response, id);
  };
}
