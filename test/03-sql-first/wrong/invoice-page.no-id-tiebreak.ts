// mistake: orders by issued_on DESC without the id tie-break: invoices issued the same day come back in whatever order the plan leaves them, so across pages some repeat and others are never shown.
import type { Db } from '#lib/db';

// invoice-page.sql with the mistake, as `npm run sqlgen` would generate it:
/** SQL of InvoicePage (invoice-page.sql:3). */
const invoicePageSql = `SELECT i.id, i.number, i.status, i.issued_on::text AS issued_on,
       c.id AS customer_id, c.name AS customer_name,
       count(li.id)::int AS item_count,
       -- bigint before multiplying: int4 * int4 overflows at $21 million.
       -- sum(bigint) is numeric; ::bigint keeps it exact (a string in JS).
       coalesce(sum(li.quantity::bigint * li.unit_price_cents), 0)::bigint
         AS items_total_cents
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
  LEFT JOIN billing_lineitem li ON li.invoice_id = i.id
 WHERE i.owner_id = $1
 GROUP BY i.id, c.id
 ORDER BY i.issued_on DESC
 LIMIT $2 OFFSET $3`;

interface InvoicePageParams {
  ownerId: number;
  limit: number | string;
  offset: number | string;
}

interface InvoicePageRow {
  id: number;
  number: string;
  status: string;
  issued_on: string;
  customer_id: number;
  customer_name: string;
  item_count: number;
  items_total_cents: string;
}

/**
 * One statement for the whole page, however long it is: the JOIN does what
 * select_related did, the LEFT JOIN + GROUP BY what annotate() did.
 * LEFT JOIN: an invoice without line items still appears, with 0 items.
 *
 * InvoicePage (:many): every row.
 */
async function fetchPage(db: Db, params: InvoicePageParams): Promise<InvoicePageRow[]> {
  const { rows } = await db.query<InvoicePageRow>(invoicePageSql, [params.ownerId, params.limit, params.offset]);
  return rows;
}

export interface PageContext {
  user: { id: number };
  db: Db;
}

export const PAGE_SIZE = 50;
const PAGE = /^[1-9][0-9]{0,5}$/;

export async function invoicePage(request: Request, ctx: PageContext): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('page') ?? '1';
  if (!PAGE.test(raw)) return Response.json({ error: 'invalid_page' }, { status: 400 });
  const page = Number(raw);

  const rows = await fetchPage(ctx.db, {
    ownerId: ctx.user.id,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  return Response.json({
    page,
    invoices: rows.map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      issuedOn: row.issued_on,
      customer: { id: row.customer_id, name: row.customer_name },
      itemCount: row.item_count,
      // bigint arrives as a string (it may exceed 2^53). Cents stay far
      // below that, so Number() is exact here; floats never touch money.
      itemsTotalCents: Number(row.items_total_cents),
    })),
  });
}
