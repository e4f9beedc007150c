// mistake: adds money as floating-point dollars (::float8 / 100) and converts back with Math.trunc, losing a cent.
import type { Db } from '#lib/db';

export interface PageContext {
  user: { id: number };
  db: Db;
}

export async function invoicePage(request: Request, ctx: PageContext): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('page') ?? '1';
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(raw);
  const { rows } = await ctx.db.query<{ id: number; number: string; status: string; issued_on: string; customer_id: number; customer_name: string; item_count: number; items_total: number }>(
    `SELECT i.id, i.number, i.status, i.issued_on::text AS issued_on, c.id AS customer_id, c.name AS customer_name,
            count(li.id)::int AS item_count,
            coalesce(sum(li.quantity * (li.unit_price_cents / 100.0)), 0)::float8 AS items_total
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id
       LEFT JOIN billing_lineitem li ON li.invoice_id = i.id
      WHERE i.owner_id = $1 GROUP BY i.id, c.id
      ORDER BY i.issued_on DESC, i.id DESC LIMIT 50 OFFSET $2`,
    [ctx.user.id, (page - 1) * 50],
  );
  return Response.json({
    page,
    invoices: rows.map((row) => ({
      id: row.id, number: row.number, status: row.status, issuedOn: row.issued_on,
      customer: { id: row.customer_id, name: row.customer_name },
      itemCount: row.item_count,
      itemsTotalCents: Math.trunc(row.items_total * 100),
    })),
  });
}
