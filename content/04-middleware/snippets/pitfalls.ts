/** Two ways an error gets past the boundary. */
import type { Handler, Middleware } from './middleware.ts';
import type { WithRequestId } from './request-id.ts';

// #region forgotten-await
export const leakyBoundary: Middleware<WithRequestId> =
  (next) => async (request, ctx) => {
    try {
      return next(request, ctx); // no await: the try ends here...
    } catch {
      // ...so a rejection never arrives in this block.
      const body = { error: 'internal', requestId: ctx.requestId };
      return Response.json(body, { status: 500 });
    }
  };
// #endregion

// #region callback
type Later = (task: () => void) => void;
const soon: Later = (task) => setTimeout(task, 0);

export const sendReceipt = (later: Later = soon) =>
  (async () => {
    later(() => {
      // Runs after the response has gone. No try/catch of ours is on
      // the stack any more: in Node this is an uncaught exception.
      throw new Error('SMTP connection refused');
    });
    return Response.json({ queued: true }, { status: 202 });
  }) satisfies Handler<WithRequestId>;
// #endregion
