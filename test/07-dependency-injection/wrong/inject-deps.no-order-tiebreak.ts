// mistake: orders by issued_on without the id tie-break: invoices issued the same day come back in whatever order the planner picks, so the list (and any page of it) is unstable.
/**
 * Invoice handlers that receive their database and clock instead of
 * importing them. Nothing here is module-level state: two calls of
 * createInvoiceHandlers() give two independent handler sets, which is what
 * lets a test build one with an in-memory database and a fixed clock.
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

const DAY_MS = 86_400_000;
// Ids are bigint, read as JS numbers up to Number.MAX_SAFE_INTEGER (past it
// Number() rounds to another id): the workbook's int8 convention.
const ID = /^[1-9][0-9]{0,15}$/;
const MAX_ID = Number.MAX_SAFE_INTEGER;

function parseId(raw: string): number | null {
  if (!ID.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

/** A UTC calendar date, "YYYY-MM-DD": a string, so no time zone can shift it. */
function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function createInvoiceHandlers({ db, clock }: InvoiceDeps): InvoiceHandlers {
  // Only the dependencies are captured here. Anything time-dependent is
  // computed per call: a process lives for weeks, and "today" must move.
  return {
    async markPaid(_request, ctx) {
      const id = parseId(ctx.params.id);
      if (id === null) return Response.json({ error: 'invalid_id' }, { status: 400 });

      const paidAt = clock.now();
      // The state check is part of the UPDATE, so two concurrent payments
      // cannot both succeed: the second one finds no 'sent' row.
      const { rows } = await db.query<{ id: number; number: string }>(
        `UPDATE billing_invoice SET status = 'paid', paid_at = $1
          WHERE id = $2 AND owner_id = $3 AND status = 'sent'
          RETURNING id, number`,
        [paidAt, id, ctx.user.id],
      );
      const row = rows[0];
      if (row) {
        return Response.json({ id: row.id, number: row.number, status: 'paid', paidAt: paidAt.toISOString() });
      }

      // Nothing updated: tell "not yours / missing" (404) from "wrong state" (409).
      const current = await db.query<{ status: string }>(
        'SELECT status FROM billing_invoice WHERE id = $1 AND owner_id = $2',
        [id, ctx.user.id],
      );
      const existing = current.rows[0];
      if (!existing) return Response.json({ error: 'not_found' }, { status: 404 });
      return Response.json({ error: 'not_payable', status: existing.status }, { status: 409 });
    },

    async overdue(_request, ctx) {
      const now = clock.now();
      const asOf = utcDate(now);
      // Due on issued_on + DUE_DAYS; overdue once that day has passed.
      const cutoff = utcDate(new Date(now.getTime() - DUE_DAYS * DAY_MS));
      const { rows } = await db.query<{ id: number; number: string; total_cents: number }>(
        `SELECT id, number, total_cents FROM billing_invoice
          WHERE owner_id = $1 AND status = 'sent' AND issued_on < $2
          ORDER BY issued_on`,
        [ctx.user.id, cutoff],
      );
      return Response.json({
        asOf,
        invoices: rows.map((r) => ({ id: r.id, number: r.number, totalCents: r.total_cents })),
      });
    },
  };
}
