/**
 * GET /invoices/:id for the signed-in user, through a generated query.
 * The SQL lives in scoped-invoice.sql; `npm run sqlgen` turned it into
 * invoiceForOwner(db, { id, ownerId }) with a row type Postgres described.
 */
import type { Db } from '#lib/db';
import { invoiceForOwner } from './scoped-invoice.queries.ts';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

// Ids are bigint (Django's BigAutoField); the workbook's convention keeps
// them JS numbers, exact up to Number.MAX_SAFE_INTEGER. At most 16 digits,
// and past 2^53 − 1 Number() rounds ("9007199254740993" would be read as
// 9007199254740992, another id), so such an id is refused like "abc".
const ID = /^[1-9][0-9]{0,15}$/;

function parseId(raw: string): number | null {
  if (!ID.test(raw)) return null;
  const id = Number(raw);
  return id <= Number.MAX_SAFE_INTEGER ? id : null;
}

export async function scopedInvoice(_request: Request, ctx: InvoiceContext): Promise<Response> {
  const id = parseId(ctx.params.id);
  if (id === null) return Response.json({ error: 'invalid_id' }, { status: 400 });

  const row = await invoiceForOwner(ctx.db, { id, ownerId: ctx.user.id });
  // One answer for "does not exist" and "is not yours": no existence leak.
  if (!row) return Response.json({ error: 'not_found' }, { status: 404 });

  return Response.json({
    id: row.id,
    number: row.number,
    status: row.status,
    totalCents: row.total_cents,
    // issued_on::text in the SQL: a `date` parsed into a JS Date lands at
    // local midnight and can print as the day before. Text stays exact.
    issuedOn: row.issued_on,
    customer: { id: row.customer_id, name: row.customer_name },
  });
}
