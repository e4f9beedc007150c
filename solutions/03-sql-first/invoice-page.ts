/**
 * GET /invoices?page=N — a page of the signed-in user's invoices, each with
 * its customer, how many line items it has and what they add up to.
 *
 * Django would write Invoice.objects.select_related("customer")
 * .annotate(item_count=Count("items"), ...) and issue one query; the
 * classic bug is a loop that asks for each invoice's items (1 + N). Here
 * the whole page is one generated query (invoice-page.sql), so the number
 * of statements does not grow with the page.
 */
import type { Db } from '#lib/db';
import { invoicePage as fetchPage } from './invoice-page.queries.ts';

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
      // bigint: a number through the workbook's pool, which refuses one
      // past 2^53 rather than round it; floats never touch money.
      itemsTotalCents: row.items_total_cents,
    })),
  });
}
