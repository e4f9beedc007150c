// mistake: breaks ties with the id in the key's direction (ORDER BY total DESC, id DESC for -total) instead of Django's order_by(field, "id"): equal totals and days come back highest id first.
import type { Db } from '#lib/db';

// invoice-search.sql with the mistake, as `npm run sqlgen` would generate it:
/** SQL of SearchInvoices (invoice-search.sql:3). */
const searchInvoicesSql = `SELECT i.id, i.number, i.status, i.total_cents,
       i.issued_on::text AS issued_on, c.name AS customer_name
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
 CROSS JOIN (
   SELECT '%' || replace(replace(replace($2::text,
            '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AS pattern
 ) AS q
 WHERE i.owner_id = $1
   AND (i.number ILIKE q.pattern OR c.name ILIKE q.pattern)
 ORDER BY
   CASE WHEN $3::text = 'number' THEN i.number END,
   CASE WHEN $3::text = '-number' THEN i.number END DESC,
   CASE WHEN $3::text = 'issued_on' THEN i.issued_on END,
   CASE WHEN $3::text = '-issued_on' THEN i.issued_on END DESC,
   CASE WHEN $3::text = 'total' THEN i.total_cents END,
   CASE WHEN $3::text = '-total' THEN i.total_cents END DESC,
   CASE WHEN $3::text LIKE '-%' THEN i.id END DESC,
   i.id
 LIMIT $4 OFFSET $5`;

interface SearchInvoicesParams {
  ownerId: number;
  text: string;
  sort: string;
  limit: number | string;
  offset: number | string;
}

interface SearchInvoicesRow {
  id: number;
  number: string;
  status: string;
  total_cents: number;
  issued_on: string;
  customer_name: string;
}

/**
 * The user's text is a value ($2), never SQL. Inside ILIKE, % and _ are
 * wildcards and \ escapes them, so escape all three before wrapping the
 * text in %…%: searching "100%" then finds a literal percent sign.
 * The sort key is a value too ($3): each CASE sorts only when it matches,
 * so the ORDER BY clause is fixed text and needs no string building.
 *
 * SearchInvoices (:many): every row.
 */
async function searchInvoices(db: Db, params: SearchInvoicesParams): Promise<SearchInvoicesRow[]> {
  const { rows } = await db.query<SearchInvoicesRow>(searchInvoicesSql, [params.ownerId, params.text, params.sort, params.limit, params.offset]);
  return rows;
}

export interface SearchContext {
  user: { id: number };
  db: Db;
}

export const SORTS = ['number', '-number', 'issued_on', '-issued_on', 'total', '-total'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 10;
const MAX_TEXT = 100;
const PAGE = /^[1-9][0-9]{0,5}$/;

const isSort = (value: string): value is Sort => (SORTS as readonly string[]).includes(value);

export async function invoiceSearch(request: Request, ctx: SearchContext): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const text = params.get('q') ?? '';
  const sort = params.get('sort') ?? '-issued_on';
  const pageRaw = params.get('page') ?? '1';

  if ([...text].length > MAX_TEXT) return Response.json({ error: 'invalid_query' }, { status: 400 });
  // The allow-list is what stands between the user and ORDER BY; the SQL
  // only ever sees one of these six strings, as a parameter.
  if (!isSort(sort)) return Response.json({ error: 'invalid_sort', allowed: SORTS }, { status: 400 });
  if (!PAGE.test(pageRaw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(pageRaw);

  const rows = await searchInvoices(ctx.db, {
    ownerId: ctx.user.id,
    text,
    sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return Response.json({
    page,
    invoices: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      totalCents: r.total_cents,
      issuedOn: r.issued_on,
      customer: r.customer_name,
    })),
  });
}
