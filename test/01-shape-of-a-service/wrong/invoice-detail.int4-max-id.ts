// mistake: the old Postgres `integer` habit, MAX_ID = 2147483647: the ids are bigint now, so a real id such as 2147483648 is refused with a 400 instead of looked up.
import type { Db } from '#lib/db';

export interface InvoiceContext {
  user: { id: number };
  db: Db;
  params: { id: string };
}

// Positive int4: Postgres `serial` ids stop at 2147483647.
const ID = /^[1-9][0-9]{0,9}$/;
const MAX_ID = 2_147_483_647;

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
  customer_name: string;
}

export async function invoiceDetail(_request: Request, ctx: InvoiceContext): Promise<Response> {
  const id = parseId(ctx.params.id);
  if (id === null) return Response.json({ error: 'invalid_id' }, { status: 400 });

  // The owner is part of the lookup: "missing" and "not yours" are one case.
  const { rows } = await ctx.db.query<InvoiceRow>(
    `SELECT i.id, i.number, i.status, i.total_cents, c.id AS customer_id, c.name AS customer_name
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
    customer: { id: row.customer_id, name: row.customer_name },
  });
}
