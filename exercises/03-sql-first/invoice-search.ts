/**
 * Exercise: invoice-search — search, sort and paginate without string SQL.
 *
 * The Django view you are porting:
 *
 *     SORTS = {"number", "-number", "issued_on", "-issued_on",
 *              "total", "-total"}
 *
 *     def invoice_search(request):
 *         q = request.GET.get("q", "")
 *         sort = request.GET.get("sort", "-issued_on")
 *         if sort not in SORTS:
 *             return JsonResponse({"error": "invalid_sort"}, status=400)
 *         field = sort.replace("total", "total_cents")
 *         qs = (Invoice.objects.filter(owner=request.user)
 *               .filter(Q(number__icontains=q) | Q(customer__name__icontains=q))
 *               .select_related("customer").order_by(field, "id"))
 *         ...
 *
 * The ORM escaped LIKE wildcards for you; SQL does not. Write the query in
 * invoice-search.sql, run `npm run sqlgen`, call searchInvoices() here.
 *
 * Requirements (the grader checks each one):
 *   - GET /invoices/search?q=…&sort=…&page=N. q (default "", at most 100
 *     characters as Python's len() counts them — an emoji is one — else 400
 *     {"error": "invalid_query"}) matches the invoice
 *     number or the customer name, case-insensitively, as a plain
 *     substring: "%", "_" and "\" in q match themselves.
 *   - sort is exactly one of number, -number, issued_on, -issued_on, total,
 *     -total (default -issued_on; ties broken by id, ascending in both
 *     directions, as order_by(field, "id") does). Anything else — NUMBER,
 *     " total", constructor, __proto__ — is a 400 {"error": "invalid_sort"}
 *     without querying.
 *   - 10 per page; page is a positive integer written as plain digits (400
 *     {"error": "invalid_page"} otherwise, without querying). A page past
 *     the last is 200 with no invoices; one above 10000 may be the 400
 *     instead, never a 500.
 *   - 200 {"page": 1, "invoices": [{"id", "number", "status",
 *     "totalCents", "issuedOn": "YYYY-MM-DD", "customer": "Acme Corp"}]},
 *     issuedOn as stored, whatever the server's time zone.
 *   - Only the user's own invoices. The search text is always a parameter:
 *     the grader sends '; DROP TABLE …, quotes, backslashes and unicode and
 *     reads the SQL you sent.
 */
import type { Db } from '#lib/db';
import { searchInvoices } from './invoice-search.queries.ts';

export interface SearchContext {
  user: { id: number };
  db: Db;
}

export const SORTS = ['number', '-number', 'issued_on', '-issued_on', 'total', '-total'] as const;
export const PAGE_SIZE = 10;

export async function invoiceSearch(_request: Request, _ctx: SearchContext): Promise<Response> {
  // TODO: read q, sort and page; check them (sort against SORTS) before
  //       any query; answer 400 with the right error otherwise.
  // TODO: call searchInvoices(ctx.db, { ... }) once you have added the
  //       text and the sort to invoice-search.sql and run `npm run sqlgen`.
  void searchInvoices;
  throw new Error('invoiceSearch() is not implemented yet');
}
