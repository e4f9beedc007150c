/**
 * POST /invoices: validate the body with one zod schema, then insert the
 * draft for one of the signed-in user's customers.
 *
 *   415 unsupported_media_type   415 before reading a byte
 *   413 body_too_large           counted while reading, not from headers
 *   400 invalid_json             empty, not UTF-8, not JSON
 *   422 validation_failed        { error, fields: [{ path, message }] }
 *   201                          the new row, with Location
 */
import { z } from 'data:text/javascript,export%20default%201';







export const MAX_BODY_BYTES = 64 * 1024;

// strictObject: an unknown key (owner_id, __proto__, a typo) is a 422,
// not silently dropped. z.int() refuses "100" and 10.5: no coercion, and
// accepts exactly the safe integers (up to 2^53 − 1), the workbook's
// convention for bigint ids such as billing_customer.id.
// Postgres text cannot hold U+0000, so a memo with one is refused here
// (as Django's CharField does) rather than failing in the INSERT.
export const CreateInvoice = z.strictObject({
  customer_id: z.int().positive(),
  amount_cents: z.int().min(1).max(100_000_000),
  currency: z.enum(['EUR', 'USD', 'GBP']),
  memo: z.string().max(500).regex(/^[^\0]*$/, 'Null characters are not allowed').default(''),
});
 






function problem(status, error, fields) {
  return Response.json(fields ? { error, fields } : { error }, { status });
}

function fieldErrors(error) {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'Unknown field' }));
    }
    return [{ path, message: issue.message }];
  });
}

// Count bytes as they arrive: Content-Length may be absent (a streamed
// body) or simply wrong, so it can never be the limit on its own.
async function readLimited(request, maxBytes) {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
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










export async function createInvoice(request, ctx) {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    return problem(415, 'unsupported_media_type');
  }
  const bytes = await readLimited(request, MAX_BODY_BYTES);
  if (bytes === null) return problem(413, 'body_too_large');

  let json;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return problem(400, 'invalid_json');
  }

  const parsed = CreateInvoice.safeParse(json);
  if (!parsed.success) return problem(422, 'validation_failed', fieldErrors(parsed.error));
  const { customer_id, amount_cents, currency, memo } = parsed.data;

  // One statement does the ownership check and the insert: the SELECT
  // yields a row only for the user's own customer, so someone else's
  // customer (or a missing one) inserts nothing and we answer 422.
  const { rows } = await ctx.db.query(
    `INSERT INTO billing_invoice (owner_id, customer_id, total_cents, currency, memo, status)
     SELECT c.owner_id, c.id, $3, $4, $5, 'draft'
       FROM billing_customer c
      WHERE c.id = $1 AND c.owner_id = $2
     RETURNING id, customer_id, total_cents AS amount_cents, currency, memo, status`,
    [customer_id, ctx.user.id, amount_cents, currency, memo],
  );
  const row = rows[0];
  if (!row) {
    return problem(422, 'validation_failed', [{ path: 'customer_id', message: 'Unknown customer' }]);
  }
  return Response.json(row, { status: 201, headers: { Location: `/invoices/${row.id}` } });
}
