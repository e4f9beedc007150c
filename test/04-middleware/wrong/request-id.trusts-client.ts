// mistake: copies whatever the client sent into the context and the logs, the way the Django version does.
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface RequestIdContext {
  requestId: string;
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

function withRequestId(response: Response, id: string): Response {
  const copy = new Response(response.body, response);
  copy.headers.set(REQUEST_ID_HEADER, id);
  return copy;
}

export function requestId<Ctx extends object>(
  next: Handler<Ctx & RequestIdContext>,
): Handler<Ctx> {
  return async (request, ctx) => {
    const id = request.headers.get(REQUEST_ID_HEADER) || crypto.randomUUID();
    const response = await next(request, { ...ctx, requestId: id });
    return withRequestId(response, id);
  };
}
