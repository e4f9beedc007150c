/** The one place where errors become responses. */
import type { Middleware } from './middleware.ts';
import type { WithRequestId } from './request-id.ts';

// #region http-error
// Thrown on purpose: the status and code are public.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
    this.name = 'HttpError';
  }
}
// #endregion

export interface ErrorLog {
  error(error: unknown, fields: { requestId: string }): void;
  info(message: string, fields: { requestId: string }): void;
}

// #region boundary
export const errorBoundary = (
  log: ErrorLog,
): Middleware<WithRequestId> =>
  (next) => async (request, ctx) => {
    const { requestId } = ctx;
    try {
      return await next(request, ctx); // the await is not optional
    } catch (error) {
      if (error instanceof HttpError) {
        const body = { error: error.code, requestId };
        return Response.json(body, { status: error.status });
      }
      if (request.signal.aborted) {
        // The client hung up (chapter 1): not a bug, nobody to answer.
        log.info('client disconnected', { requestId });
        return new Response(null, { status: 499 });
      }
      log.error(error, { requestId }); // the details go to the log...
      const body = { error: 'internal', requestId }; // ...not here
      return Response.json(body, { status: 500 });
    }
  };
// #endregion
