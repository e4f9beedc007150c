// mistake: no deadLetter: a poison job ends 'failed' and nobody finds it, instead of waiting in send-invoice-failed
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
  // The dead letter queue must exist before a queue can name it.
  await boss.createQueue(SEND_INVOICE_FAILED);
  await boss.createQueue(SEND_INVOICE, {
    retryLimit: 4, // retries: 5 attempts in all
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 3600,
  });
}

export async function createInvoice(
  pool: Pool,
  boss: Pick<PgBoss, 'send'>,
  invoice: NewInvoice,
): Promise<{ invoiceId: number; jobId: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `INSERT INTO billing_invoice (owner_id, customer_id, number, total_cents, issued_on)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [invoice.ownerId, invoice.customerId, invoice.number, invoice.totalCents, invoice.issuedOn],
    );
    const invoiceId: number = rows[0].id;
    const jobId = await boss.send(SEND_INVOICE, { invoiceId } satisfies SendInvoiceData, {
      db: { executeSql: (text, values) => client.query(text, values) },
    });
    if (jobId === null) throw new Error(`pg-boss did not queue ${SEND_INVOICE} for invoice ${invoiceId}`);
    await client.query('COMMIT');
    return { invoiceId, jobId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function sendInvoice(pool: Pool, mailer: Mailer): (job: Job<SendInvoiceData>) => Promise<void> {
  return async (job) => {
    const { invoiceId } = job.data;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The row is the idempotency record: only one delivery turns this
      // draft into 'sent'; a concurrent one waits on the row lock, then
      // finds no draft and gets no row back.
      const { rows } = await client.query(
        `UPDATE billing_invoice SET status = 'sent'
          WHERE id = $1 AND status = 'draft'
          RETURNING number, total_cents`,
        [invoiceId],
      );
      if (rows.length === 1) {
        await mailer.send({
          idempotencyKey: `send-invoice:${invoiceId}`,
          invoiceId,
          number: rows[0].number,
          totalCents: rows[0].total_cents,
        });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
}
