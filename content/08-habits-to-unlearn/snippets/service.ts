/**
 * Chapter 8: the sample service, assembled from three choices (a router,
 * a validator, SQL through the Db interface) instead of one framework.
 * bundle.ts builds this file into a single artifact.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { Db } from '#lib/db';

// #region service
const Filters = z.strictObject({
  status: z.enum(['draft', 'sent', 'paid']).optional(),
});

export function createService(
  db: Db,
  userOf: (request: Request) => Promise<number | null>,
) {
  const app = new Hono();
  app.get('/api/invoices', async (c) => {
    const userId = await userOf(c.req.raw);
    if (userId === null) return c.json({ error: 'unauthenticated' }, 401);
    const filters = Filters.safeParse(c.req.query());
    if (!filters.success) {
      const issues = z.flattenError(filters.error).fieldErrors;
      return c.json({ error: 'invalid', issues }, 422);
    }
    const { status } = filters.data;
    const { rows } = await db.query(
      `SELECT id, number, status, total_cents FROM billing_invoice
        WHERE owner_id = $1 AND (status = $2 OR $2 IS NULL)
        ORDER BY number`,
      [userId, status ?? null],
    );
    return c.json({ invoices: rows });
  });
  return app;
}
// #endregion
