/** Timing and an access log line, with the clock passed in. */
import { withHeader, type Middleware } from './middleware.ts';
import type { WithRequestId } from './request-id.ts';

// #region timing
export interface AccessLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}

export const timing = (
  now: () => number, // performance.now in production
  access: (line: AccessLine) => void,
): Middleware<WithRequestId> =>
  (next) => async (request, ctx) => {
    const start = now();
    const response = await next(request, ctx);
    const ms = now() - start;
    access({
      requestId: ctx.requestId,
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      ms,
    });
    return withHeader(
      response,
      'Server-Timing',
      `app;dur=${ms.toFixed(1)}`,
    );
  };
// #endregion
