// mistake: reads the page with searchParams.get('page') || '1': an explicit empty ?page= is quietly page 1 instead of a 400 (it is not a positive integer).
import type { Db } from '#lib/db';
import { invoicePage as fetchPage } from '../../../solutions/03-sql-first/invoice-page.queries.ts';

export interface PageContext {
  user: { id: number };
  db: Db;
}

export const PAGE_SIZE = 50;
const PAGE = /^[1-9][0-9]{0,5}$/;

export async function invoicePage(request: Request, ctx: PageContext): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('page') || '1';
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
