/**
 * Exercise: inject-deps — handlers that receive their database and clock.
 *
 * This is the module you are refactoring. It works in production, and it
 * cannot be tested without a real database and a machine whose date you
 * control, because it imports both:
 *
 *     import { pool } from '../db.ts'; // new pg.Pool({ connectionString: process.env.DATABASE_URL })
 *
 *     export async function markPaid(_request: Request, ctx: InvoiceContext) {
 *       const id = parseId(ctx.params.id);
 *       if (id === null) return Response.json({ error: 'invalid_id' }, { status: 400 });
 *       const paidAt = new Date();
 *       const { rows } = await pool.query(
 *         `UPDATE billing_invoice SET status = 'paid', paid_at = $1
 *           WHERE id = $2 AND owner_id = $3 AND status = 'sent'
 *           RETURNING id, number`,
 *         [paidAt, id, ctx.user.id]);
 *       if (rows[0]) return Response.json({ id: rows[0].id, number: rows[0].number,
 *                                            status: 'paid', paidAt: paidAt.toISOString() });
 *       const current = await pool.query(
 *         'SELECT status FROM billing_invoice WHERE id = $1 AND owner_id = $2', [id, ctx.user.id]);
 *       if (!current.rows[0]) return Response.json({ error: 'not_found' }, { status: 404 });
 *       return Response.json({ error: 'not_payable', status: current.rows[0].status }, { status: 409 });
 *     }
 *
 *     export async function overdue(_request: Request, ctx: UserContext) {
 *       const today = new Date();
 *       const cutoff = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
 *       const { rows } = await pool.query(
 *         `SELECT id, number, total_cents FROM billing_invoice
 *           WHERE owner_id = $1 AND status = 'sent' AND issued_on < $2
 *           ORDER BY issued_on, id`, [ctx.user.id, cutoff]);
 *       return Response.json({ asOf: today.toISOString().slice(0, 10),
 *         invoices: rows.map((r) => ({ id: r.id, number: r.number, totalCents: r.total_cents })) });
 *     }
 *
 * The Django version has the same two hidden inputs: `Invoice.objects`
 * talks to the one configured database and `timezone.now()` reads the real
 * clock, and its tests reach in with `mock.patch("…timezone.now")`.
 *
 * Requirements (the grader checks each one):
 *   - createInvoiceHandlers({ db, clock }) returns { markPaid, overdue }.
 *     Every query goes to `db`; every "now" comes from `clock.now()`, read
 *     once per request, when it is handled (not once when the handlers are
 *     created, and not twice in one request: a clock moves between reads).
 *     No module-level state: two handler sets built with two databases must
 *     never touch each other's data.
 *   - markPaid (POST /invoices/:id/pay), for the signed-in ctx.user:
 *       200 {"id", "number", "status": "paid", "paidAt": <clock time, ISO>}
 *         and the row gets status 'paid' and paid_at = the clock's time;
 *       400 {"error": "invalid_id"} for an id that is not plain digits from
 *         1 to 9007199254740991 (ids are bigint, JS numbers up to
 *         Number.MAX_SAFE_INTEGER: chapter 3's convention), without querying;
 *       404 {"error": "not_found"} for a missing invoice or another owner's;
 *       409 {"error": "not_payable", "status": <current status>} unless the
 *         invoice is 'sent' (a draft, or one already paid). Of two
 *         overlapping payments of one invoice exactly one succeeds.
 *   - overdue (GET /invoices/overdue): 200 {"asOf": "YYYY-MM-DD" (the
 *     clock's UTC date), "invoices": [{"id", "number", "totalCents"}]}: the
 *     user's 'sent' invoices issued more than DUE_DAYS days before asOf,
 *     oldest first, ties broken by id. An invoice issued on 2026-02-01 is
 *     due on 2026-03-03 and overdue from 2026-03-04, whatever the server's
 *     time zone (the grader runs at UTC+14 and UTC−11).
 *   - Parameterised SQL only.
 */
import type { Db } from '#lib/db';

/** The one question the handlers ask about time. `{ now: () => new Date() }` in production. */
export interface Clock {
  now(): Date;
}

export interface InvoiceDeps {
  db: Db;
  clock: Clock;
}

export interface UserContext {
  user: { id: number };
}

export interface InvoiceContext extends UserContext {
  params: { id: string };
}

export interface InvoiceHandlers {
  markPaid(request: Request, ctx: InvoiceContext): Promise<Response>;
  overdue(request: Request, ctx: UserContext): Promise<Response>;
}

/** An invoice falls due this many days after it is issued. */
export const DUE_DAYS = 30;

export function createInvoiceHandlers(_deps: InvoiceDeps): InvoiceHandlers {
  // TODO: return { markPaid, overdue }, ported from the module above, with
  //       the pool replaced by the injected db and new Date() by the clock.
  throw new Error('createInvoiceHandlers() is not implemented yet');
}
