// mistake: accepts a page of any length (/^[1-9][0-9]*$/): a 20-digit page makes (page - 1) * 50 a float printed as 5e+21, which Postgres refuses for OFFSET: a 500 instead of an empty page or a 400.
import type { Db } from '#lib/db';
import { invoicePage as fetchPage } from '../../../solutions/03-sql-first/invoice-page.queries.ts';

export interface PageContext {
  user: { id: number };
  db: Db;
}

export const PAGE_SIZE = 50;
const PAGE = /^[1-9][0-9]*$/;

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
