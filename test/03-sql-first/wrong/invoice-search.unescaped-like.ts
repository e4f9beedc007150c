// mistake: passes the search text as a parameter but does not escape %, _ and \, so "%" matches every invoice.
import type { Db } from '#lib/db';

export interface SearchContext {
  user: { id: number };
  db: Db;
}

const SORTS = ['number', '-number', 'issued_on', '-issued_on', 'total', '-total'];

export async function invoiceSearch(request: Request, ctx: SearchContext): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const text = params.get('q') ?? '';
  const sort = params.get('sort') ?? '-issued_on';
  const pageRaw = params.get('page') ?? '1';
  if ([...text].length > 100) return Response.json({ error: 'invalid_query' }, { status: 400 });
  if (!SORTS.includes(sort)) return Response.json({ error: 'invalid_sort' }, { status: 400 });
  if (!/^[1-9][0-9]{0,5}$/.test(pageRaw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(pageRaw);
  const { rows } = await ctx.db.query(
    `SELECT i.id, i.number, i.status, i.total_cents, i.issued_on::text AS issued_on, c.name AS customer_name
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id
      WHERE i.owner_id = $1 AND (i.number ILIKE '%' || $2::text || '%' OR c.name ILIKE '%' || $2::text || '%')
      ORDER BY
        CASE WHEN $3::text = 'number' THEN i.number END, CASE WHEN $3::text = '-number' THEN i.number END DESC,
        CASE WHEN $3::text = 'issued_on' THEN i.issued_on END, CASE WHEN $3::text = '-issued_on' THEN i.issued_on END DESC,
        CASE WHEN $3::text = 'total' THEN i.total_cents END, CASE WHEN $3::text = '-total' THEN i.total_cents END DESC, i.id
      LIMIT 10 OFFSET $4`,
    [ctx.user.id, text, sort, (page - 1) * 10],
  );
  return Response.json({
    page,
    invoices: rows.map((r) => ({ id: r.id, number: r.number, status: r.status, totalCents: r.total_cents, issuedOn: r.issued_on, customer: r.customer_name })),
  });
}
