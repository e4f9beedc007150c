/**
 * Private unless listed as public: Django 5.1's LoginRequiredMiddleware,
 * as a route table whose types keep the user away from public handlers.
 * Tested in test/snippets/04-middleware.test.ts.
 */
import type { Handler } from './middleware.ts';
import { auth, type FindUser, type WithUser } from './auth.ts';
import type { WithRequestId } from './request-id.ts';

// #region guard
type Public = Handler<WithRequestId>; // no userId to read
type Private = Handler<WithRequestId & WithUser>;

export interface Routes {
  public: Map<string, Public>; // like @login_not_required
  private: Map<string, Private>; // everything else
}

export function guarded(
  routes: Routes,
  findUser: FindUser,
): Handler<WithRequestId> {
  const table = new Map<string, Public>(routes.public);
  for (const [path, handler] of routes.private) {
    if (table.has(path)) throw new Error(`${path} is public and private`);
    table.set(path, auth(findUser)(handler)); // 401 before the handler
  }
  return async (request, ctx) => {
    const handler = table.get(new URL(request.url).pathname);
    if (!handler) {
      return Response.json({ error: 'not_found' }, { status: 404 });
    }
    return handler(request, ctx);
  };
}
// #endregion
