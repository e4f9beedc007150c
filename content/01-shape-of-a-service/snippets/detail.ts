/**
 * GET /customers/:id for the signed-in user: a strict id, one JOIN
 * scoped by owner, and the same 404 for "missing" and "not yours".
 */
import type { AppContext } from './context.ts';
import { parseId } from './parse-id.ts';

// #region handler
// count() is a bigint, which node-postgres
// returns as a string: ::int keeps a number.
const DETAIL_SQL = `
  SELECT c.id, c.name,
         count(i.id)::int AS invoice_count
    FROM billing_customer c
    LEFT JOIN billing_invoice i
           ON i.customer_id = c.id
   WHERE c.id = $1 AND c.owner_id = $2
   GROUP BY c.id, c.name`;

interface CustomerRow {
  id: number;
  name: string;
  invoice_count: number;
}

type DetailContext = AppContext<{ id: string }>;

export async function customerDetail(
  _request: Request,
  ctx: DetailContext,
): Promise<Response> {
  const id = parseId(ctx.params.id);
  if (id === null) {
    const error = 'invalid_id';
    return Response.json({ error }, { status: 400 });
  }
  const { rows } = await ctx.db.query<CustomerRow>(
    DETAIL_SQL,
    [id, ctx.user.id],
  );
  const row = rows[0];
  if (row === undefined) {
    // Missing, or someone else's: one answer.
    const error = 'not_found';
    return Response.json({ error }, { status: 404 });
  }
  return Response.json({
    id: row.id,
    name: row.name,
    invoiceCount: row.invoice_count,
  });
}
// #endregion
