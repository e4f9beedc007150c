// mistake: looks the invoice up by id alone, so any signed-in user can read anyone's invoice.
import type { Db } from '#lib/db';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

interface Row {
  id: number;
  number: string;
  status: string;
  total_cents: number;
  issued_on: string;
  customer_id: number;
  customer_name: string;
}

export async function scopedInvoice(_request: Request, ctx: InvoiceContext): Promise<Response> {
  if (!/^[1-9][0-9]{0,15}$/.test(ctx.params.id) || Number(ctx.params.id) > Number.MAX_SAFE_INTEGER) {
    return Response.json({ error: 'invalid_id' }, { status: 400 });
  }
  const { rows } = await ctx.db.query<Row>(
    `SELECT i.id, i.number, i.status, i.total_cents, i.issued_on::text AS issued_on,
            c.id AS customer_id, c.name AS customer_name
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id
      WHERE i.id = $1`,
    [Number(ctx.params.id)],
  );
  const row = rows[0];
  if (!row) return Response.json({ error: 'not_found' }, { status: 404 });
  return Response.json({
    id: row.id, number: row.number, status: row.status, totalCents: row.total_cents,
    issuedOn: row.issued_on, customer: { id: row.customer_id, name: row.customer_name },
  });
}
