/** The chain, written once, in order. */
import { compose, type Handler } from './middleware.ts';
import { requestId, type WithRequestId } from './request-id.ts';
import { timing, type AccessLine } from './timing.ts';
import { errorBoundary, HttpError, type ErrorLog } from './errors.ts';
import { auth, type FindUser, type WithUser } from './auth.ts';

export interface Deps {
  findUser: FindUser;
  now: () => number;
  access: (line: AccessLine) => void;
  log: ErrorLog;
}

// #region handler
type Ctx = WithRequestId & WithUser;

export const me: Handler<Ctx> = async (_request, ctx) => {
  if (ctx.userId === 13) throw new HttpError(403, 'suspended');
  return Response.json({ userId: ctx.userId, requestId: ctx.requestId });
};
// #endregion

export function createApp(deps: Deps, handler: Handler<Ctx> = me) {
  // #region chain
  const app = compose(
    requestId, // outermost: every response gets the id
    timing(deps.now, deps.access), // sees every status, 500s too
    errorBoundary(deps.log), // catches auth's failures as well
    auth(deps.findUser), // innermost: only the handler needs it
  )(handler);
  // #endregion
  return app;
}
