/** A request id for every request, echoed on every response. */
import { withHeader, type Middleware } from './middleware.ts';

export interface WithRequestId {
  requestId: string;
}

// #region request-id
const WELL_FORMED = /^[A-Za-z0-9._-]{1,64}$/;

export const requestId: Middleware<object, WithRequestId> =
  (next) => async (request, ctx) => {
    const incoming = request.headers.get('X-Request-Id');
    const id = incoming !== null && WELL_FORMED.test(incoming)
      ? incoming // from our own proxy: keep the trace going
      : crypto.randomUUID();
    const response = await next(request, { ...ctx, requestId: id });
    return withHeader(response, 'X-Request-Id', id);
  };
// #endregion
