// mistake: keeps the request id in a module-level variable set when a request arrives (Django's thread-local habit), so when requests overlap a 500 carries the id of whichever request arrived last.
/**
 * The one place where errors become responses. Handlers throw HttpError
 * for answers they mean (404, 409...); everything else is a bug or an
 * outage, so the client gets a bare 500 with the request id, and the log
 * gets the error.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface RequestIdContext {
  requestId: string;
}

export interface Logger {
  error(error: unknown, fields: { requestId: string }): void;
}

/** Throw one of these to answer with a status and a public error code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
    this.name = 'HttpError';
  }
}

// Like Django's thread-local request: the id of the request being served.
let currentRequestId = '';

export function errorBoundary(log: Logger) {
  return <Ctx extends RequestIdContext>(next: Handler<Ctx>): Handler<Ctx> =>
    async (request, ctx) => {
      currentRequestId = ctx.requestId;
      try {
        // `return await`, not `return`: without the await this function
        // returns the pending promise, the try block is already over when
        // it rejects, and the rejection escapes the catch below.
        return await next(request, ctx);
      } catch (error) {
        const requestId = currentRequestId;
        // instanceof, not error.status: only errors we threw on purpose
        // decide the status and the public text.
        if (error instanceof HttpError) {
          return Response.json({ error: error.code, requestId }, { status: error.status });
        }
        log.error(error, { requestId });
        return Response.json({ error: 'internal', requestId }, { status: 500 });
      }
    };
}
