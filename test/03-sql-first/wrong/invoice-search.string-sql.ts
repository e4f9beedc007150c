// mistake: builds the WHERE clause by pasting the search text into the SQL (with quotes doubled "for safety") instead of passing it as a parameter.
import type { Db } from '#lib/db';

export interface SearchContext {
  user: { id: number };
  db: Db;
}

const ORDER: Record<string, string> = {
  number: 'i.number', '-number': 'i.number DESC', issued_on: 'i.issued_on', '-issued_on': 'i.issued_on DESC',
  total: 'i.total_cents', '-total': 'i.total_cents DESC',
};

export async function invoiceSearch(request: Request, ctx: SearchContext): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const text = params.get('q') ?? '';
  const sort = params.get('sort') ?? '-issued_on';
  const pageRaw = params.get('page') ?? '1';
  if ([...text].length > 100) return Response.json({ error: 'invalid_query' }, { status: 400 });
  const order = Object.hasOwn(ORDER, sort) ? ORDER[sort] : undefined;
  if (!order) return Response.json({ error: 'invalid_sort' }, { status: 400 });
  if (!/^[1-9][0-9]{0,5}$/.test(pageRaw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(pageRaw);
  const escaped = text.replace(/[\\%_]/g, '\\$&').replace(/'/g, "''");
  const { rows } = await ctx.db.query(
    `SELECT i.id, i.number, i.status, i.total_cents, i.issued_on::text AS issued_on, c.name AS customer_name
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id
      WHERE i.owner_id = $1 AND (i.number ILIKE '%${escaped}%' OR c.name ILIKE '%${escaped}%')
      ORDER BY ${order}, i.id LIMIT 10 OFFSET $2`,
    [ctx.user.id, (page - 1) * 10],
  );
  return Response.json({
    page,
    invoices: rows.map((r) => ({ id: r.id, number: r.number, status: r.status, totalCents: r.total_cents, issuedOn: r.issued_on, customer: r.customer_name })),
  });
}
