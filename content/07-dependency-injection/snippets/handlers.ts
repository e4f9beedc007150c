/**
 * Chapter 7: invoice handlers that receive everything they talk to.
 * Compare content/07-dependency-injection/django/views.py, where the same
 * view reaches for Invoice.objects, timezone.now() and a module-level client.
 */
import type { Db } from '#lib/db';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Receipts } from './receipts.ts';

export interface InvoiceContext {
  user: { id: number };
  invoiceId: number;
}

// #region deps
export interface InvoiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  receipts: Receipts;
}
// #endregion

// #region factory
export function createInvoiceHandlers(deps: InvoiceDeps) {
  const { db, clock, logger, receipts } = deps;
  return {
    async markPaid(_req: Request, ctx: InvoiceContext) {
      const paidAt = clock.now();
      const { rows } = await db.query<{ id: number; number: string }>(
        `UPDATE billing_invoice SET status = 'paid', paid_at = $1
          WHERE id = $2 AND owner_id = $3 AND status = 'sent'
          RETURNING id, number`,
        [paidAt, ctx.invoiceId, ctx.user.id],
      );
      const invoice = rows[0];
      if (!invoice) {
        return Response.json({ error: 'not_payable' }, { status: 409 });
      }
      await receipts.send({ number: invoice.number, paidAt });
      logger.info('invoice paid', { id: invoice.id });
      return Response.json({ ...invoice, paidAt });
    },
  };
}

export type InvoiceHandlers = ReturnType<typeof createInvoiceHandlers>;
// #endregion

// #region class
/** The same thing as a class: the constructor is the factory. */
export class InvoiceService {
  constructor(private readonly deps: InvoiceDeps) {}

  async isOverdue(invoiceId: number, dueDays = 30): Promise<boolean> {
    const now = this.deps.clock.now().getTime();
    const cutoff = new Date(now - dueDays * 86_400_000);
    const { rows } = await this.deps.db.query<{ overdue: boolean }>(
      `SELECT issued_on < $2 AS overdue FROM billing_invoice
        WHERE id = $1 AND status = 'sent'`,
      [invoiceId, cutoff.toISOString().slice(0, 10)],
    );
    return rows[0]?.overdue ?? false;
  }
}
// #endregion
