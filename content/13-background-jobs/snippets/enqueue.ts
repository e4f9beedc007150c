/**
 * Chapter 13: a write and its job in one transaction. Tested by
 * test/snippets/13-background-jobs.test.ts.
 */
import type { PgBoss } from 'pg-boss';
import { SEND_RECEIPT } from './queue.ts';
import { inTransaction, withTransaction, type Pool } from './transaction.ts';

export interface ReceiptJob {
  invoiceId: number;
}

// #region enqueue
export async function markPaid(pool: Pool, boss: PgBoss, invoiceId: number): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE billing_invoice SET status = 'paid', paid_at = now()
        WHERE id = $1 AND status = 'sent'`,
      [invoiceId],
    );
    if (rowCount === 0) return false;
    // Same client, same transaction: the job commits with the
    // UPDATE, or rolls back with it.
    await boss.send(SEND_RECEIPT, { invoiceId } satisfies ReceiptJob, inTransaction(client));
    return true;
  });
}
// #endregion
