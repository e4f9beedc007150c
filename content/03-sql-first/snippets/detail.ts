/** The select_related() view, on a generated query. */
import type { Db } from '#lib/db';
import { invoiceForOwner } from './billing.queries.ts';

export interface Ctx {
  user: { id: number };
  db: Db;
}

// #region handler
export async function invoiceDetail(id: number, ctx: Ctx) {
  const invoice = await invoiceForOwner(ctx.db, {
    id,
    ownerId: ctx.user.id,
  });
  if (!invoice) {
    return Response.json({ error: 'not_found' }, { status: 404 });
  }
  return Response.json({
    id: invoice.id,
    number: invoice.number,
    totalCents: invoice.total_cents,
    customer: invoice.customer_name,
  });
}
// #endregion
