// mistake: fills a module-level DEFAULTS object with each request's parameters (Object.assign(DEFAULTS, …)): after one request with ?sort=total, every later request without a sort is sorted by total too.
import type { Db } from '#lib/db';
import { searchInvoices } from '../../../solutions/03-sql-first/invoice-search.queries.ts';

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

const DEFAULTS: { q: string; sort: string; page: string } = { q: '', sort: '-issued_on', page: '1' };

export async function invoiceSearch(request: Request, ctx: SearchContext): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const given = Object.fromEntries([...params].filter(([key]) => key in DEFAULTS));
  const { q: text, sort, page: pageRaw } = Object.assign(DEFAULTS, given);

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
