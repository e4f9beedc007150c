// mistake: reads the invoice, merges the patch in memory and writes all three columns back (Django's get-then-save()), so two overlapping PATCHes of different fields lose one of them.
/**
 * PATCH /invoices/:id: a partial update of the user's own invoice, where
 * the schema is the allow-list of what a client may change.
 */
import { z } from 'zod';
import type { Db } from '#lib/db';

export interface PatchContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

export const MAX_BODY_BYTES = 64 * 1024;

// .partial() makes each field optional; strictObject makes every other
// key (owner_id, id, status, __proto__) a 422 instead of a silent drop.
export const PatchInvoice = z
  .strictObject({
    amount_cents: z.int().min(1).max(100_000_000),
    currency: z.enum(['EUR', 'USD', 'GBP']),
    // Postgres text cannot hold U+0000: refused here, not in the UPDATE.
    memo: z.string().max(500).regex(/^[^\0]*$/, 'Null characters are not allowed'),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to update' });
export type PatchInvoice = z.infer<typeof PatchInvoice>;


// ---- The chapter's parseJsonBody, given in the starter -------------------

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

const ID = /^[1-9][0-9]{0,15}$/;

function parseId(raw: string): number | null {
  if (!ID.test(raw)) return null;
  const id = Number(raw);
  return id <= Number.MAX_SAFE_INTEGER ? id : null;
}

interface InvoiceRow {
  id: number;
  customer_id: number;
  amount_cents: number;
  currency: string;
  memo: string;
  status: string;
}

export async function patchInvoice(request: Request, ctx: PatchContext): Promise<Response> {
  const id = parseId(ctx.params.id);
  if (id === null) return problem(400, 'invalid_id');

  const body = await parseJsonBody(request, PatchInvoice, { maxBytes: MAX_BODY_BYTES });
  if (!body.ok) return body.response;

  // Django's habit: load the instance, set the attributes, save() it.
  const found = await ctx.db.query<InvoiceRow>(
    `SELECT id, customer_id, total_cents AS amount_cents, currency, memo, status
       FROM billing_invoice WHERE id = $1 AND owner_id = $2`,
    [id, ctx.user.id],
  );
  const current = found.rows[0];
  if (!current) return problem(404, 'not_found');
  const merged = { ...current, ...body.data };
  const { rows } = await ctx.db.query<InvoiceRow>(
    `UPDATE billing_invoice SET total_cents = $3, currency = $4, memo = $5
      WHERE id = $1 AND owner_id = $2
     RETURNING id, customer_id, total_cents AS amount_cents, currency, memo, status`,
    [id, ctx.user.id, merged.amount_cents, merged.currency, merged.memo],
  );
  const row = rows[0];
  if (!row) return problem(404, 'not_found');
  return Response.json(row);
}
