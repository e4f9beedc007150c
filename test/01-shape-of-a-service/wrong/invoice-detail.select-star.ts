// mistake: SELECT * over the JOIN: on node-postgres the customer’s id and owner_id overwrite the invoice’s (the last column of a name wins), so "id" is the customer’s.
import type { Db } from '#lib/db';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

// Ids are Django's BigAutoField (Postgres bigint); as everywhere in this
// workbook (#lib/db's parseInt8) they are JS numbers only up to
// Number.MAX_SAFE_INTEGER, past which Number() rounds ("9007199254740993"
// becomes 9007199254740992). At most 16 digits; Number() of a 16-digit text
// at or past 2^53 is at least 2^53, so the comparison below is exact.
const ID = /^[1-9][0-9]{0,15}$/;
const MAX_ID = Number.MAX_SAFE_INTEGER;

export function parseId(raw: string): number | null {
  if (!ID.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

interface InvoiceRow {
  id: number;
  number: string;
  status: string;
  total_cents: number;
  customer_id: number;
  name: string;
}

export async function invoiceDetail(_request: Request, ctx: InvoiceContext): Promise<Response> {
  const id = parseId(ctx.params.id);
  if (id === null) return Response.json({ error: 'invalid_id' }, { status: 400 });

  // The owner is part of the lookup: "missing" and "not yours" are one case.
  const { rows } = await ctx.db.query<InvoiceRow>(
    `SELECT *
       FROM billing_invoice i
       JOIN billing_customer c ON c.id = i.customer_id
      WHERE i.id = $1 AND i.owner_id = $2`,
    [id, ctx.user.id],
  );
  const row = rows[0];
  if (!row) return Response.json({ error: 'not_found' }, { status: 404 });

  return Response.json({
    id: row.id,
    number: row.number,
    status: row.status,
    totalCents: row.total_cents,
    customer: { id: row.customer_id, name: row.name },
  });
}
