// mistake: fetches the invoice, then its customer in a second query (what forgetting select_related does), instead of one JOIN.
import type { Db } from '#lib/db';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

export async function scopedInvoice(_request: Request, ctx: InvoiceContext): Promise<Response> {
  if (!/^[1-9][0-9]{0,15}$/.test(ctx.params.id) || Number(ctx.params.id) > Number.MAX_SAFE_INTEGER) {
    return Response.json({ error: 'invalid_id' }, { status: 400 });
  }
  const { rows } = await ctx.db.query<{ id: number; number: string; status: string; total_cents: number; issued_on: string; customer_id: number }>(
    `SELECT id, number, status, total_cents, issued_on::text AS issued_on, customer_id
       FROM billing_invoice WHERE id = $1 AND owner_id = $2`,
    [Number(ctx.params.id), ctx.user.id],
  );
  const row = rows[0];
  if (!row) return Response.json({ error: 'not_found' }, { status: 404 });
  const customer = await ctx.db.query<{ id: number; name: string }>('SELECT id, name FROM billing_customer WHERE id = $1', [row.customer_id]);
  return Response.json({
    id: row.id, number: row.number, status: row.status, totalCents: row.total_cents,
    issuedOn: row.issued_on, customer: customer.rows[0],
  });
}
