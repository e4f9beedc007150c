// mistake: createQueues gives retryDelayMax in milliseconds (3,600,000), which pg-boss reads as seconds, so the backoff is not capped at 3600 seconds between attempts.
import type { Job, PgBoss } from 'pg-boss';

export const SEND_INVOICE = 'send-invoice';
export const SEND_INVOICE_FAILED = 'send-invoice-failed';

/** node-postgres' PoolClient, reduced to what this exercise uses. */
export interface Client {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  release(err?: Error | boolean): void;
}
export interface Pool {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  connect(): Promise<Client>;
}

export interface NewInvoice {
  ownerId: number;
  customerId: number;
  number: string;
  totalCents: number;
  /** A calendar day, YYYY-MM-DD. */
  issuedOn: string;
}

export interface SendInvoiceData {
  invoiceId: number;
}

export interface Mail {
  idempotencyKey: string;
  invoiceId: number;
  number: string;
  totalCents: number;
}
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export async function createQueues(boss: Pick<PgBoss, 'createQueue'>): Promise<void> {
  // The dead letter queue has to exist before a queue can point at it.
  await boss.createQueue(SEND_INVOICE_FAILED);
  await boss.createQueue(SEND_INVOICE, {
    retryLimit: 4, // retries, not attempts: 1 + 4 = 5 attempts
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 60 * 60 * 1000, // one hour
    deadLetter: SEND_INVOICE_FAILED,
  });
}

const INSERT_INVOICE = `
  INSERT INTO billing_invoice (owner_id, customer_id, number, total_cents, issued_on)
  VALUES ($1, $2, $3, $4, $5)
  RETURNING id`;

export async function createInvoice(
  pool: Pool,
  boss: Pick<PgBoss, 'send'>,
  invoice: NewInvoice,
): Promise<{ invoiceId: number; jobId: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(INSERT_INVOICE, [
      invoice.ownerId,
      invoice.customerId,
      invoice.number,
      invoice.totalCents,
      invoice.issuedOn,
    ]);
    const invoiceId = rows[0].id as number;
    // The job row goes into pg-boss's table through OUR client, inside our transaction.
    const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
    const jobId = await boss.send(SEND_INVOICE, { invoiceId }, { db });
    if (!jobId) throw new Error(`pg-boss did not create a ${SEND_INVOICE} job`);
    await client.query('COMMIT');
    return { invoiceId, jobId };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

const MARK_SENT = `
  UPDATE billing_invoice SET status = 'sent'
  WHERE id = $1 AND status = 'draft'
  RETURNING number, total_cents`;

export function sendInvoice(pool: Pool, mailer: Mailer): (job: Job<SendInvoiceData>) => Promise<void> {
  return async (job) => {
    const { invoiceId } = job.data;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The row is the idempotency record: a second delivery waits on the row
      // lock, then finds no draft and gets no row back.
      const { rows } = await client.query(MARK_SENT, [invoiceId]);
      const row = rows[0];
      if (row) {
        await mailer.send({
          idempotencyKey: `send-invoice:${invoiceId}`,
          invoiceId,
          number: row.number,
          totalCents: row.total_cents,
        });
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
}
