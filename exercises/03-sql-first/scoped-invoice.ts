/**
 * Exercise: scoped-invoice — invoice detail through a typed, generated query.
 *
 * The Django view you are porting:
 *
 *     @login_required
 *     def invoice_detail(request, pk):
 *         invoice = get_object_or_404(
 *             Invoice.objects.select_related("customer"),
 *             pk=pk, owner=request.user,
 *         )
 *         return JsonResponse({...})
 *
 * This time the SQL lives in scoped-invoice.sql. Edit it, then run
 * `npm run sqlgen`: it regenerates scoped-invoice.queries.ts, a typed
 * function `invoiceForOwner(db, params)` whose row type comes from
 * Postgres itself. Call that function here; write no SQL in this file.
 *
 * Requirements (the grader checks each one):
 *   - 200 with JSON
 *       {"id": 1, "number": "INV-001", "status": "paid", "totalCents": 15000,
 *        "issuedOn": "2026-01-15", "customer": {"id": 1, "name": "Acme Corp"}}
 *   - 400 {"error": "invalid_id"} unless the id is a positive integer
 *     written as plain digits (no sign, spaces or leading zero: "01", "+1"
 *     and "1e3" are not ids) from 1 to 9007199254740991 — without querying.
 *     Ids are bigint (Django's BigAutoField), so 2147483648 is an id like
 *     any other; the workbook reads them as JS numbers, exact only up to
 *     Number.MAX_SAFE_INTEGER, so a larger one is refused too.
 *   - 404 {"error": "not_found"} for a missing invoice AND for another
 *     user's invoice: the same status, the same body. "Another user's" means
 *     the invoice's owner (billing_invoice.owner_id), whoever the customer
 *     it is billed to belongs to.
 *   - Exactly one statement (a JOIN, not a second query for the customer),
 *     parameterised: $1, $2, never values pasted into the SQL text.
 *   - issuedOn is the calendar date as written, "YYYY-MM-DD", whatever the
 *     time zone of the server and of the database session (hint: a `date`
 *     column arrives as a JS Date at *local* midnight).
 */
import type { Db } from '#lib/db';
import { invoiceForOwner } from './scoped-invoice.queries.ts';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

export async function scopedInvoice(_request: Request, ctx: InvoiceContext): Promise<Response> {
  // TODO: validate ctx.params.id (400 without querying).
  // TODO: call invoiceForOwner(ctx.db, { ... }) — after you fixed the .sql
  //       and ran `npm run sqlgen` — and answer 404 when it returns null.
  void invoiceForOwner;
  throw new Error('scopedInvoice() is not implemented yet');
}
