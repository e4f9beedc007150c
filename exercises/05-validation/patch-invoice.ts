/**
 * Exercise: patch-invoice — PATCH /invoices/:id without mass assignment.
 *
 * The Django view you are porting:
 *
 *     @require_http_methods(["PATCH"])
 *     def invoice_patch(request, pk):
 *         invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
 *         data = json.loads(request.body)
 *         for key, value in data.items():   # mass assignment: owner_id too
 *             setattr(invoice, key, value)
 *         invoice.save()
 *         return JsonResponse(model_to_dict(invoice))
 *
 * (DRF's ModelSerializer with partial=True and read_only_fields, or a
 * Pydantic model with extra="forbid", would be the safe Python versions.)
 *
 * Requirements:
 *   - ctx.params.id must be a positive integer written plainly ("1" …
 *     "9007199254740991": digits only, no sign, no leading zero, so "007",
 *     "+7", " 7", "1e3" and "0x10" are not ids), else 400
 *     {"error": "invalid_id"} without querying. Ids are bigint, so
 *     "2147483648" is looked up like any id; the workbook's JS numbers are
 *     exact only up to Number.MAX_SAFE_INTEGER, so a larger one is a 400.
 *   - The body goes through parseJsonBody (given below, from the chapter):
 *     415 / 413 / 400 / 422 exactly as in create-invoice.
 *   - A client may change amount_cents (integer 1 … 100000000), currency
 *     ("EUR", "USD", "GBP") and memo (string, at most 500 characters,
 *     without U+0000, which Postgres text cannot store).
 *     Any other key (owner_id, id, customer_id, status, __proto__, …) is a
 *     422 with that key as the path, and nothing is changed.
 *   - An empty patch {} is a 422 with the path "" (nothing to update).
 *   - null is not a value for any field: 422.
 *   - Only the signed-in user's invoice: 404 {"error": "not_found"} for a
 *     missing invoice and for another user's, with the same body.
 *   - One parameterised UPDATE … RETURNING; 200 with the updated row
 *       {"id": 3, "customer_id": 3, "amount_cents": 120000,
 *        "currency": "USD", "memo": "…", "status": "draft"}
 *     (column total_cents is amount_cents in the API).
 */
import { z } from 'zod';
import type { Db } from '#lib/db';

export interface PatchContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

export const MAX_BODY_BYTES = 64 * 1024;

// ---- The chapter's parseJsonBody, given: this exercise is about the UPDATE --

interface FieldError {
  path: string;
  message: string;
}

function problem(status: number, error: string, fields?: FieldError[]): Response {
  return Response.json(fields ? { error, fields } : { error }, { status });
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'Unknown field' }));
    }
    return [{ path, message: issue.message }];
  });
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes }: { maxBytes: number },
): Promise<Parsed<z.output<S>>> {
  const fail = (status: number, error: string, fields?: FieldError[]) =>
    ({ ok: false, response: problem(status, error, fields) }) as const;
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    return fail(415, 'unsupported_media_type');
  }
  const bytes = await readLimited(request, maxBytes);
  if (bytes === null) return fail(413, 'body_too_large');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail(400, 'invalid_json');
  }
  const result = schema.safeParse(json);
  if (!result.success) return fail(422, 'validation_failed', fieldErrors(result.error));
  return { ok: true, data: result.data };
}

// ---- The exercise --------------------------------------------------------

// TODO: the schema is the allow-list (z.strictObject(...).partial(), and
// refuse an empty patch).
export const PatchInvoice = z.unknown();

export async function patchInvoice(_request: Request, _ctx: PatchContext): Promise<Response> {
  // TODO: parse the id (400), parse the body with parseJsonBody(…, PatchInvoice, …).
  // TODO: UPDATE only the parsed fields, scoped to the owner; 404 if no row.
  throw new Error('patchInvoice() is not implemented yet');
}
