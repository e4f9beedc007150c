// mistake: turns the sort key into a column name and pastes it into ORDER BY with no allow-list, so unknown keys reach Postgres (a 500, or worse).
import type { Db } from '#lib/db';

export interface SearchContext {
  user: { id: number };
  db: Db;
}

export async function invoiceSearch(request: Request, ctx: SearchContext): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const text = params.get('q') ?? '';
  const sort = params.get('sort') ?? '-issued_on';
  const pageRaw = params.get('page') ?? '1';
  if ([...text].length > 100) return Response.json({ error: 'invalid_query' }, { status: 400 });
  if (!/^[1-9][0-9]{0,5}$/.test(pageRaw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(pageRaw);
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const column = key === 'total' ? 'total_cents' : key;
  const pattern = '%' + text.replace(/[\\%_]/g, '\\$&') + '%';
  const { rows } = await ctx.db.query(
    `SELECT i.id, i.number, i.status, i.total_cents, i.issued_on::text AS issued_on, c.name AS customer_name
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id
      WHERE i.owner_id = $1 AND (i.number ILIKE $2 OR c.name ILIKE $2)
      ORDER BY i.${column}${desc ? ' DESC' : ''}, i.id LIMIT 10 OFFSET $3`,
    [ctx.user.id, pattern, (page - 1) * 10],
  );
  return Response.json({
    page,
    invoices: rows.map((r) => ({ id: r.id, number: r.number, status: r.status, totalCents: r.total_cents, issuedOn: r.issued_on, customer: r.customer_name })),
  });
}
