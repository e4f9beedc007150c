/**
 * The wiring: Django's three middlewares (sessions, CSRF, authentication)
 * as one TypeScript middleware in front of the strangled endpoints.
 */
import type { Db } from '#lib/db';
import { parseCookie } from './cookies.ts';
import { csrfPasses } from './csrf.ts';
import { hashIsCurrent, loadSession } from './signing.ts';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;
export interface DjangoUser {
  id: number;
  username: string;
}

// #region user
/** AuthenticationMiddleware's get_user(): the row, the backend, the hash. */
async function userFromSession(db: Db, sessionKey: string, secrets: readonly string[]): Promise<DjangoUser | null> {
  const { rows } = await db.query<{ session_data: string }>(
    'SELECT session_data FROM django_session WHERE session_key = $1 AND expire_date > now()',
    [sessionKey],
  );
  const session = rows[0] ? loadSession(rows[0].session_data, secrets) : null;
  const id = session?._auth_user_id;
  const hash = session?._auth_user_hash;
  if (typeof id !== 'string' || !/^[0-9]{1,15}$/.test(id) || typeof hash !== 'string') return null;
  if (session!._auth_user_backend !== 'django.contrib.auth.backends.ModelBackend') return null;
  const users = await db.query<DjangoUser & { password: string }>(
    'SELECT id, username, password FROM auth_user WHERE id = $1 AND is_active',
    [Number(id)],
  );
  const user = users.rows[0];
  return user && hashIsCurrent(hash, user.password, secrets) ? { id: user.id, username: user.username } : null;
}
// #endregion

// #region middleware
export function djangoSession(options: { db: Db; secretKey: string; secretKeyFallbacks?: readonly string[] }) {
  const secrets = [options.secretKey, ...(options.secretKeyFallbacks ?? [])];
  return <Ctx extends object>(next: Handler<Ctx & { user: DjangoUser }>): Handler<Ctx> =>
    async (request, ctx) => {
      const cookies = parseCookie(request.headers.get('cookie') ?? '');
      if (!csrfPasses(request, cookies)) return Response.json({ error: 'csrf_failed' }, { status: 403 });
      const key = cookies.get('sessionid');
      const user = key ? await userFromSession(options.db, key, secrets).catch(() => null) : null;
      if (!user) return Response.json({ error: 'not_authenticated' }, { status: 401 });
      return next(request, { ...ctx, user });
    };
}
// #endregion
