/**
 * Chapter 13: the worker, with an idempotency key recorded in the same
 * transaction as the effect's bookkeeping. Tested by
 * test/snippets/13-background-jobs.test.ts.
 */
import type { Job, PgBoss } from 'pg-boss';
import type { ReceiptJob } from './enqueue.ts';
import { SEND_RECEIPT } from './queue.ts';
import { withTransaction, type Pool } from './transaction.ts';

export interface Mailer {
  send(mail: { idempotencyKey: string; invoiceId: number; totalCents: number }): Promise<void>;
}

// #region handler
export function sendReceipt(pool: Pool, mailer: Mailer) {
  return async (job: Job<ReceiptJob>): Promise<'sent' | 'duplicate'> => {
    const key = `receipt:${job.data.invoiceId}`;
    return withTransaction(pool, async (client) => {
      // Claim the key. A concurrent duplicate blocks here until this
      // transaction ends; then the key exists and it gets no row.
      const claimed = await client.query(
        `INSERT INTO jobs_idempotencykey (key, created_at) VALUES ($1, now())
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key],
      );
      if (claimed.rowCount === 0) return 'duplicate';
      const { rows } = await client.query(
        'SELECT total_cents FROM billing_invoice WHERE id = $1',
        [job.data.invoiceId],
      );
      // Throws → ROLLBACK: the key is released and pg-boss retries.
      await mailer.send({ idempotencyKey: key, invoiceId: job.data.invoiceId, totalCents: rows[0].total_cents });
      return 'sent';
    });
  };
}
// #endregion

// #region work
export async function startWorker(boss: PgBoss, pool: Pool, mailer: Mailer): Promise<string> {
  const handle = sendReceipt(pool, mailer);
  // One job per call; pg-boss completes it when the promise resolves
  // and fails it (retry, backoff, dead letter) when it rejects.
  return boss.work<ReceiptJob>(SEND_RECEIPT, { pollingIntervalSeconds: 0.5 }, async ([job]) => handle(job!));
}
// #endregion
