/** The same chain in Hono, with its own request-id and bearer-auth. */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import { requestId, type RequestIdVariables } from 'hono/request-id';
import type { Deps } from './app.ts';

export function createHonoApp(deps: Deps) {
  // #region app
  type Env = { Variables: RequestIdVariables & { userId: number } };
  const unauthorized = { message: { error: 'unauthorized' } };

  const app = new Hono<Env>();
  app.use(requestId());
  app.use(async (c, next) => {
    const start = deps.now();
    await next(); // never throws: errors already went to onError
    const ms = deps.now() - start;
    c.header('Server-Timing', `app;dur=${ms.toFixed(1)}`);
  });
  app.use('/api/*', bearerAuth<Env>({
    verifyToken: async (token, c) => {
      const userId = await deps.findUser(token);
      if (userId !== null) c.set('userId', userId);
      return userId !== null;
    },
    noAuthenticationHeader: unauthorized,
    invalidToken: unauthorized,
  }));
  app.get('/api/me', (c) =>
    c.json({ userId: c.get('userId'), requestId: c.get('requestId') }));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    const requestId = c.get('requestId');
    deps.log.error(error, { requestId });
    return c.json({ error: 'internal', requestId }, 500);
  });
  // #endregion
  return app;
}
