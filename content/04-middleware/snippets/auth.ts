/** Bearer token → user id in the context, or a JSON 401. */
import type { Middleware } from './middleware.ts';
import type { WithRequestId } from './request-id.ts';

// #region auth
export interface WithUser {
  userId: number;
}

// Looks the token up (by its hash, in the database); null if unknown.
export type FindUser = (token: string) => Promise<number | null>;

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

export const auth = (
  findUser: FindUser,
): Middleware<WithRequestId, WithRequestId & WithUser> =>
  (next) => async (request, ctx) => {
    const header = request.headers.get('Authorization') ?? '';
    const token = BEARER.exec(header)?.[1];
    const userId = token ? await findUser(token) : null;
    if (userId === null) {
      return Response.json(
        { error: 'unauthorized', requestId: ctx.requestId },
        { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
      );
    }
    return next(request, { ...ctx, userId }); // typed from here on
  };
// #endregion
