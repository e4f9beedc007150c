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

// A positive int4: anything else could never match a serial id, and
// Postgres would answer a bigger number with an error (a 500), not a 404.
const ID = /^[1-9][0-9]{0,9}$/;

function parseId(raw: string): number | null {
  if (!ID.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
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
