/**
 * Chapter 8: expected failures as values (a Result), mapped to responses
 * in one place; unexpected ones thrown, and caught by one boundary.
 */
import type { Db } from '#lib/db';

// #region result
export type Result<T, E extends string> =
  | { ok: true; value: T }
  | { ok: false; error: E };
// #endregion

// #region mark-paid
export type PayError = 'not_found' | 'already_paid';

export async function markPaid(
  db: Db,
  ownerId: number,
  id: number,
): Promise<Result<{ id: number; status: 'paid' }, PayError>> {
  const paid = await db.query(
    `UPDATE billing_invoice SET status = 'paid'
      WHERE id = $1 AND owner_id = $2 AND status <> 'paid'
      RETURNING id`,
    [id, ownerId],
  );
  if (paid.rows.length === 1) {
    return { ok: true, value: { id, status: 'paid' } };
  }
  const found = await db.query(
    'SELECT 1 FROM billing_invoice WHERE id = $1 AND owner_id = $2',
    [id, ownerId],
  );
  const error = found.rows.length ? 'already_paid' : 'not_found';
  return { ok: false, error };
}
// #endregion

// #region respond
const STATUS = {
  not_found: 404,
  already_paid: 409,
} satisfies Record<PayError, number>;

export function problem(error: PayError): Response {
  return Response.json({ error }, { status: STATUS[error] });
}

export function payHandler(db: Db) {
  return async (_request: Request, ctx: { userId: number; id: number }) => {
    const result = await markPaid(db, ctx.userId, ctx.id);
    if (!result.ok) return problem(result.error);
    return Response.json(result.value);
  };
}
// #endregion

// #region boundary
type Handler<C> = (request: Request, ctx: C) => Promise<Response>;

export function boundary<C>(
  handler: Handler<C>,
  log: (error: unknown) => void,
): Handler<C> {
  return async (request, ctx) => {
    try {
      return await handler(request, ctx);
    } catch (error) {
      log(error);
      return Response.json({ error: 'internal' }, { status: 500 });
    }
  };
}
// #endregion
