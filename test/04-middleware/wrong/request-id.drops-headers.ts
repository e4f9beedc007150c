// mistake: rebuilds the response from its body and status only (new Response(body, { status })), dropping the handler's headers: Location, Content-Type, ETag, Set-Cookie.
/**
 * Request ids: generated, or accepted from the edge when well-formed,
 * passed to the handler in its context and echoed on every response.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface RequestIdContext {
  requestId: string;
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Anchored at both ends: the whole value must match, not a piece of it.
// The character set keeps ids safe to paste into logs, URLs and queries.
const WELL_FORMED = /^[A-Za-z0-9._-]{1,64}$/;

/** A copy with the header set: the original's headers may be immutable. */
function withRequestId(response: Response, id: string): Response {
  const copy = new Response(response.body, { status: response.status });
  copy.headers.set(REQUEST_ID_HEADER, id);
  return copy;
}

export function requestId<Ctx extends object>(
  next: Handler<Ctx & RequestIdContext>,
): Handler<Ctx> {
  return async (request, ctx) => {
    const incoming = request.headers.get(REQUEST_ID_HEADER);
    if (incoming !== null && !WELL_FORMED.test(incoming)) {
      // The caller's id is unusable, but the answer still needs one so
      // the 400 can be found in the logs.
      const rejected = Response.json({ error: 'invalid_request_id' }, { status: 400 });
      return withRequestId(rejected, crypto.randomUUID());
    }
    const id = incoming ?? crypto.randomUUID();
    const response = await next(request, { ...ctx, requestId: id });
    return withRequestId(response, id);
  };
}
