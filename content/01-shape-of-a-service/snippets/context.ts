/**
 * An explicit request context instead of request.user: the handler's
 * type lists everything it may touch, and a test builds exactly that.
 */
import type { Db } from '#lib/db';

// #region typed
// #region context
export interface User {
  id: number;
  username: string;
}

/** What an authenticated route receives. */
export interface AppContext<
  Params = Record<string, never>,
> {
  // Set by the auth middleware (chapter 4).
  user: User;
  db: Db;
  // Path params, as raw strings.
  params: Params;
}

export type Handler<Ctx> = (
  request: Request,
  ctx: Ctx,
) => Promise<Response>;
// #endregion

// #region whoami
// Asks for a user only: its test needs no db.
type WhoAmIContext = Pick<AppContext, 'user'>;

export const whoami: Handler<WhoAmIContext> = async (
  _request,
  ctx,
) => {
  const { id, username } = ctx.user;
  return Response.json({ id, username });
};
// #endregion
// #endregion
