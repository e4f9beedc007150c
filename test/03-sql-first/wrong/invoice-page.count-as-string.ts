// mistake: passes count() and sum() through as node-postgres returns them (bigint and numeric arrive as strings), so the JSON says "2", not 2.
import type { Db } from '#lib/db';

export interface PageContext {
  user: { id: number };
  db: Db;
}

export async function invoicePage(request: Request, ctx: PageContext): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('page') ?? '1';
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(raw);
  const { rows } = await ctx.db.query(
    `SELECT i.id, i.number, i.status, i.issued_on::text AS issued_on, c.id AS customer_id, c.name AS customer_name,
            count(li.id) AS item_count,
            coalesce(sum(li.quantity::bigint * li.unit_price_cents), 0) AS items_total_cents
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
      itemsTotalCents: row.items_total_cents,
    })),
  });
}
