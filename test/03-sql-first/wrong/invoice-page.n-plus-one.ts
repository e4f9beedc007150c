// mistake: fetches the page of invoices, then runs one more query per invoice for its line items (N+1).
import type { Db } from '#lib/db';

export interface PageContext {
  user: { id: number };
  db: Db;
}

export async function invoicePage(request: Request, ctx: PageContext): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('page') ?? '1';
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(raw);
  const { rows } = await ctx.db.query<{ id: number; number: string; status: string; issued_on: string; customer_id: number; customer_name: string }>(
    `SELECT i.id, i.number, i.status, i.issued_on::text AS issued_on, c.id AS customer_id, c.name AS customer_name
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id
      WHERE i.owner_id = $1 ORDER BY i.issued_on DESC, i.id DESC LIMIT 50 OFFSET $2`,
    [ctx.user.id, (page - 1) * 50],
  );
  const invoices = [];
  for (const row of rows) {
    // Looks innocent; it is what iterating invoice.items.all() without prefetch_related does.
    const items = await ctx.db.query<{ quantity: number; unit_price_cents: number }>(
      'SELECT quantity, unit_price_cents FROM billing_lineitem WHERE invoice_id = $1',
      [row.id],
    );
    invoices.push({
      id: row.id, number: row.number, status: row.status, issuedOn: row.issued_on,
      customer: { id: row.customer_id, name: row.customer_name },
      itemCount: items.rows.length,
      itemsTotalCents: items.rows.reduce((s, i) => s + i.quantity * i.unit_price_cents, 0),
    });
  }
  return Response.json({ page, invoices });
}
