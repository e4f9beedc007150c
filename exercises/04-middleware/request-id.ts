/**
 * Exercise: request-id — one id per request, from the edge to the logs.
 *
 * The Django middleware you are porting:
 *
 *     class RequestIdMiddleware:
 *         def __init__(self, get_response):
 *             self.get_response = get_response
 *
 *         def __call__(self, request):
 *             incoming = request.headers.get("X-Request-Id")
 *             request.request_id = incoming or uuid.uuid4().hex
 *             response = self.get_response(request)
 *             response["X-Request-Id"] = request.request_id
 *             return response
 *
 * The Django version trusts whatever the client sends. This one does not.
 * `requestId(next)` returns a handler that:
 *
 *   - generates a fresh id with crypto.randomUUID() when the request has
 *     no X-Request-Id header;
 *   - keeps the incoming id when it is well-formed: 1 to 64 characters,
 *     each one of A-Z a-z 0-9 . _ - (nothing else: no spaces, no quotes,
 *     no `=`; an empty header is malformed, not absent);
 *   - answers a malformed id with 400 {"error": "invalid_request_id"}
 *     WITHOUT calling `next` (a proxy that sends garbage is a bug you want
 *     to hear about, and the garbage must not reach your logs);
 *   - calls next(request, { ...ctx, requestId }) otherwise, keeping every
 *     field the caller's context already had;
 *   - sets X-Request-Id on EVERY response it returns: the handler's
 *     response and its own 400 (which gets a freshly generated id, since
 *     the client's one was unusable). Careful: some Responses have
 *     immutable headers (Response.redirect(), anything fetch() returned).
 *     Setting a header on those throws; build a copy instead.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface RequestIdContext {
  requestId: string;
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

export function requestId<Ctx extends object>(
  next: Handler<Ctx & RequestIdContext>,
): Handler<Ctx> {
  return async (_request, _ctx) => {
    // TODO: read the incoming header; generate, accept or reject (400).
    // TODO: call next with { ..._ctx, requestId } and echo the id on the
    //       response, without mutating the handler's Response in place.
    void next;
    throw new Error('requestId() is not implemented yet');
  };
}
