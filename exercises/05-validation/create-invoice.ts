/**
 * Exercise: create-invoice — POST /invoices, validated strictly.
 *
 * The Django view you are porting (a form does the validation):
 *
 *     class InvoiceForm(forms.Form):
 *         # A choice among the user's customers (set in __init__): an id
 *         # that is not a number, not a customer, or not theirs is invalid.
 *         customer_id = forms.ModelChoiceField(queryset=Customer.objects.none())
 *         amount_cents = forms.IntegerField(min_value=1, max_value=100_000_000)
 *         currency = forms.ChoiceField(choices=[("EUR", "EUR"), ("USD", "USD"), ("GBP", "GBP")])
 *         memo = forms.CharField(max_length=500, required=False)
 *
 *         def __init__(self, *args, user, **kwargs):
 *             super().__init__(*args, **kwargs)
 *             self.fields["customer_id"].queryset = Customer.objects.filter(owner=user)
 *
 *     @require_POST
 *     def create_invoice(request):
 *         data = json.loads(request.body)
 *         form = InvoiceForm(data, user=request.user)
 *         if not form.is_valid(): ...
 *         invoice = Invoice.objects.create(owner=request.user, ...)
 *         return JsonResponse({...}, status=201)
 *
 * The form accepts "100" and 100.0 for a whole number (its
 * ModelChoiceField even reads a customer_id of 1.5 as customer 1: Django
 * 5.2's lookup turns it into int 1) and ignores keys it does not know.
 * This version is stricter. Requirements:
 *
 *   - 415 {"error": "unsupported_media_type"} unless Content-Type is
 *     application/json (a "; charset=utf-8" parameter is fine).
 *   - 413 {"error": "body_too_large"} for more than MAX_BODY_BYTES.
 *     Count the bytes as you read: Content-Length may be missing or lie.
 *   - 400 {"error": "invalid_json"} for an empty body, bytes that are not
 *     UTF-8, or text that is not JSON.
 *   - 422 {"error": "validation_failed",
 *          "fields": [{"path": "amount_cents", "message": "…"}, …]}
 *     for JSON that breaks the rules, one entry per problem:
 *       customer_id   integer, 1 … 9007199254740991, one of the user's
 *                     customers (ids are bigint; the workbook's JS numbers
 *                     are exact only up to Number.MAX_SAFE_INTEGER)
 *       amount_cents  integer, 1 … 100000000 ("100" and 10.5 are errors)
 *       currency      "EUR", "USD" or "GBP"
 *       memo          optional string, at most 500 characters, default "",
 *                     without U+0000 (Postgres text cannot store it)
 *     Any other key (owner_id, __proto__, a typo) is an error too, with the
 *     key as its path. A body that is not an object has the path "".
 *   - Nothing invalid reaches the database: validate before any query.
 *   - 201 with the new row
 *       {"id": 5, "customer_id": 1, "amount_cents": 1250,
 *        "currency": "EUR", "memo": "…", "status": "draft"}
 *     and a Location: /invoices/<id> header. Values go in as parameters.
 *
 * Table: billing_invoice(id, owner_id, customer_id, number, status,
 * total_cents, currency, memo, issued_on); billing_customer(id, owner_id,
 * name). A draft has no number and no issued_on (both nullable).
 */
import { z } from 'zod';
import type { Db } from '#lib/db';

export interface CreateContext {
  user: { id: number };
  db: Db;
}

export const MAX_BODY_BYTES = 64 * 1024;

// TODO: the body schema (z.strictObject, z.int(), z.enum, .default()).
export const CreateInvoice = z.unknown();

export async function createInvoice(_request: Request, _ctx: CreateContext): Promise<Response> {
  // TODO: 415 → 413 (count bytes while reading) → 400 → 422, in that order.
  // TODO: insert, scoped to the user's own customers; 422 on customer_id if not theirs.
  throw new Error('createInvoice() is not implemented yet');
}
