/** The router: it knows URLs and handlers, nothing about where they come from. */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '#lib/db';
import type { InvoiceHandlers } from './handlers.ts';

export type Authenticate = (request: Request) => Promise<{ id: number } | null>;

// #region app
export function createApp(deps: {
  invoices: InvoiceHandlers;
  authenticate: Authenticate;
}) {
  const app = new Hono();
  app.post('/invoices/:id{[1-9][0-9]{0,8}}/pay', async (c) => {
    const user = await deps.authenticate(c.req.raw);
    if (!user) return c.json({ error: 'unauthorized' }, 401);
    const invoiceId = Number(c.req.param('id'));
    return deps.invoices.markPaid(c.req.raw, { user, invoiceId });
  });
  return app;
}
// #endregion

// #region auth
/**
 * Chapter 4's bearer check, as a service that receives its database. Only
 * SHA-256 digests are stored, so the lookup is by digest: a leaked table
 * holds no usable token, and how long the lookup takes says nothing about
 * any token an attacker can choose.
 */
export function createTokenAuth(db: Db): Authenticate {
  return async (request) => {
    const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/i.exec(
      request.headers.get('authorization') ?? '',
    );
    if (!match) return null;
    const digest = createHash('sha256').update(match[1]!).digest('hex');
    const { rows } = await db.query<{ id: number }>(
      'SELECT user_id AS id FROM api_token WHERE token_sha256 = $1',
      [digest],
    );
    return rows[0] ?? null;
  };
}
// #endregion
