// mistake: keeps a module-level cache of invoices keyed by id alone ("the detail page is hot"): the first request is owner-scoped, but the next user to ask for the same id gets the cached invoice without the owner check.
import type { Db } from '#lib/db';
import { invoiceForOwner, type InvoiceForOwnerRow } from '../../../solutions/03-sql-first/scoped-invoice.queries.ts';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

const cache = new Map<number, InvoiceForOwnerRow>();

export async function scopedInvoice(_request: Request, ctx: InvoiceContext): Promise<Response> {
  if (!/^[1-9][0-9]{0,15}$/.test(ctx.params.id) || Number(ctx.params.id) > Number.MAX_SAFE_INTEGER) {
    return Response.json({ error: 'invalid_id' }, { status: 400 });
  }
  const id = Number(ctx.params.id);
  let row = cache.get(id) ?? null;
  if (!row) {
    row = await invoiceForOwner(ctx.db, { id, ownerId: ctx.user.id });
    if (row) cache.set(id, row);
  }
  if (!row) return Response.json({ error: 'not_found' }, { status: 404 });
  return Response.json({
    id: row.id, number: row.number, status: row.status, totalCents: row.total_cents,
    issuedOn: row.issued_on, customer: { id: row.customer_id, name: row.customer_name },
  });
}
