/**
 * Exercise: invoice-detail — one invoice, scoped to its owner.
 *
 * The Django view you are porting:
 *
 *     @login_required
 *     def invoice_detail(request, pk):
 *         invoice = get_object_or_404(
 *             Invoice.objects.select_related("customer"), pk=pk, owner=request.user
 *         )
 *         return JsonResponse({...})
 *
 * There is no request.user here: the signed-in user arrives in `ctx.user`,
 * the database in `ctx.db` (node-postgres' query(text, values)), and the raw
 * path parameter in `ctx.params.id` — a string, possibly garbage.
 *
 * Requirements (the grader checks each one):
 *   - 200 with JSON
 *       {"id": 3001, "number": "INV-001", "status": "paid", "totalCents": 15000,
 *        "customer": {"id": 201, "name": "Acme Corp"}}
 *     Invoice and customer both have an `id` (and an `owner_id`): select
 *     each column you need once, aliased, never `SELECT *` over the JOIN.
 *   - 400 {"error": "invalid_id"} unless the id is a plain positive integer
 *     from 1 to 9007199254740991: reject "abc", "1.5", "-1", "0", "007",
 *     "1e3", "0x10", "12abc", " 1", "" — without querying. Ids are Django's
 *     BigAutoField, a Postgres bigint, so 2147483648 is an id like any other;
 *     the workbook keeps them JS numbers, exact only up to
 *     Number.MAX_SAFE_INTEGER (chapter 3's convention), and Number() would
 *     round "9007199254740993" to another id, so larger ones are a 400 too.
 *   - 404 {"error": "not_found"} when the invoice does not exist AND when it
 *     belongs to another user: the same status and body, never 403. The
 *     invoice's owner decides (billing_invoice.owner_id), not its customer's.
 *   - One query, parameterised ($1, $2): no values pasted into the SQL text.
 *
 * Tables (Django's names): billing_invoice(id, owner_id, customer_id, number,
 * status, total_cents, issued_on) and billing_customer(id, owner_id, name).
 */
import type { Db } from '#lib/db';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

export async function invoiceDetail(_request: Request, ctx: InvoiceContext): Promise<Response> {
  // TODO: validate ctx.params.id (400 on anything but plain digits, 1 … Number.MAX_SAFE_INTEGER).
  // TODO: one JOIN query scoped to ctx.user.id; 404 when it finds nothing.
  throw new Error('invoiceDetail() is not implemented yet');
}
