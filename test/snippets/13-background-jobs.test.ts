/**
 * Chapter 13's TypeScript snippets, run against PGlite (real PostgreSQL in
 * process) with Django's billing tables and pg-boss's schema
 * (test/fixtures/13-background-jobs.ts), and a real pg-boss on the pool.
 */
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markPaid, type ReceiptJob } from '../../content/13-background-jobs/snippets/enqueue.ts';
import { createQueues, RECEIPTS_FAILED, SEND_RECEIPT, startBoss } from '../../content/13-background-jobs/snippets/queue.ts';
import { inTransaction, withTransaction, type Pool } from '../../content/13-background-jobs/snippets/transaction.ts';
import { sendReceipt, startWorker, type Mailer } from '../../content/13-background-jobs/snippets/worker.ts';
import { workbookTypes } from '../../src/lib/db.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';
import { jobsFixture } from '../fixtures/13-background-jobs.ts';
import { BOBS_INVOICE, INV_001, INV_002, INV_003 } from '../fixtures/billing.ts';

// The table a Django model would own (jobs.IdempotencyKey: key = TextField(primary_key=True),
// created_at = DateTimeField(db_default=Now())), as its migration creates it.
const IDEMPOTENCY_DDL = `CREATE TABLE jobs_idempotencykey (key text PRIMARY KEY, created_at timestamp with time zone DEFAULT now() NOT NULL)`;

let lite: PGlite;
let pool: Pool & { end(): Promise<void> };
let boss: PgBoss;
let failCommit = false;

beforeAll(async () => {
  lite = await seededPglite(jobsFixture);
  await lite.exec(IDEMPOTENCY_DDL);
  const real = new pg.Pool({ ...createPgConfig(lite), types: workbookTypes });
  pool = {
    query: (text, values) => real.query(text, values as unknown[]),
    async connect() {
      const client = await real.connect();
      return {
        query: async (text: string, values?: readonly unknown[]) => {
          if (failCommit && /^COMMIT/i.test(text)) {
            failCommit = false;
            throw new Error('connection lost during COMMIT');
          }
          return client.query(text, values as unknown[]);
        },
        release: (err?: Error | boolean) => client.release(err),
      };
    },
    end: () => real.end(),
  };
  boss = await startBoss(pool);
}, 60_000);

afterAll(async () => {
  await boss?.stop({ graceful: false, close: false });
  await pool?.end();
  await lite?.close();
});

beforeEach(async () => {
  failCommit = false;
  await lite.exec(`TRUNCATE ${jobsFixture.tables.join(', ')}, jobs_idempotencykey RESTART IDENTITY CASCADE;${jobsFixture.seed}`);
  await createQueues(boss);
});

const status = async (id: number) => (await pool.query('SELECT status FROM billing_invoice WHERE id = $1', [id])).rows[0]?.status;
const receiptJobs = () => boss.findJobs<ReceiptJob>(SEND_RECEIPT);

function fakeMailer(failures = 0) {
  const sent: Parameters<Mailer['send']>[0][] = [];
  let left = failures;
  const mailer: Mailer = {
    async send(mail) {
      await new Promise((r) => setTimeout(r, 5));
      if (left-- > 0) throw new Error('mail provider: 503');
      sent.push(mail);
    },
  };
  return { mailer, sent };
}

describe('enqueue in the same transaction', { timeout: 30_000 }, () => {
  it('markPaid commits the status change and one job carrying only the id', async () => {
    expect(await markPaid(pool, boss, INV_002)).toBe(true);
    expect(await status(INV_002)).toBe('paid');
    expect((await receiptJobs()).map((j) => [j.data, j.state])).toEqual([[{ invoiceId: INV_002 }, 'created']]);
  });

  it('an invoice that is not sent changes nothing and enqueues nothing', async () => {
    expect(await markPaid(pool, boss, INV_003)).toBe(false); // a draft
    expect(await markPaid(pool, boss, INV_001)).toBe(false); // already paid
    expect(await receiptJobs()).toEqual([]);
  });

  it('a COMMIT that fails after the send: neither the payment nor the job exists', async () => {
    failCommit = true;
    await expect(markPaid(pool, boss, BOBS_INVOICE)).rejects.toThrow('COMMIT');
    expect(await status(BOBS_INVOICE)).toBe('sent');
    expect(await receiptJobs()).toEqual([]);
  });

  it('a send that throws after writing its row rolls the job back with the UPDATE', async () => {
    await expect(
      withTransaction(pool, async (client) => {
        await client.query(`UPDATE billing_invoice SET status = 'paid' WHERE id = $1`, [INV_002]);
        await boss.send(SEND_RECEIPT, { invoiceId: INV_002 }, inTransaction(client));
        throw new Error('the request failed later');
      }),
    ).rejects.toThrow('later');
    expect(await status(INV_002)).toBe('sent');
    expect(await receiptJobs()).toEqual([]);
  });
});

describe('the worker: retries, idempotency, dead letter', { timeout: 30_000 }, () => {
  it('a job delivered twice, one after the other, mails once', async () => {
    const { mailer, sent } = fakeMailer();
    const handle = sendReceipt(pool, mailer);
    await markPaid(pool, boss, INV_002);
    const [job] = await boss.fetch<ReceiptJob>(SEND_RECEIPT);
    expect(await handle(job!)).toBe('sent');
    expect(await handle(job!)).toBe('duplicate');
    expect(sent).toEqual([{ idempotencyKey: `receipt:${INV_002}`, invoiceId: INV_002, totalCents: 8990 }]);
  });

  it('delivered to two workers at once, it mails once: the second waits for the key', async () => {
    const { mailer, sent } = fakeMailer();
    const handle = sendReceipt(pool, mailer);
    await markPaid(pool, boss, INV_002);
    const [job] = await boss.fetch<ReceiptJob>(SEND_RECEIPT);
    expect((await Promise.all([handle(job!), handle(job!)])).sort()).toEqual(['duplicate', 'sent']);
    expect(sent.length).toBe(1);
  });

  it('a failed mail rolls the key back, so the retry sends it', async () => {
    const { mailer, sent } = fakeMailer(1);
    const handle = sendReceipt(pool, mailer);
    await markPaid(pool, boss, INV_002);
    const [job] = await boss.fetch<ReceiptJob>(SEND_RECEIPT);
    await expect(handle(job!)).rejects.toThrow('503');
    expect((await pool.query('SELECT count(*)::int AS n FROM jobs_idempotencykey')).rows[0].n).toBe(0);
    expect(await handle(job!)).toBe('sent');
    expect(sent.length).toBe(1);
  });

  it('startWorker delivers a committed job, and pg-boss completes it', async () => {
    const { mailer, sent } = fakeMailer();
    await markPaid(pool, boss, BOBS_INVOICE);
    const workerId = await startWorker(boss, pool, mailer);
    try {
      for (let i = 0; i < 300 && (await receiptJobs())[0]?.state !== 'completed'; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await boss.offWork(SEND_RECEIPT, { id: workerId, wait: true });
    }
    expect(sent).toEqual([{ idempotencyKey: `receipt:${BOBS_INVOICE}`, invoiceId: BOBS_INVOICE, totalCents: 50000 }]);
    expect((await receiptJobs())[0]?.state).toBe('completed');
  });

  it('a poison job: 6 attempts (retryLimit 5), growing waits, then one copy in the dead letter queue', async () => {
    await markPaid(pool, boss, INV_002);
    const id = (await receiptJobs())[0]!.id;
    const waits: number[] = [];
    let attempts = 0;
    for (;;) {
      const [job] = await boss.fetch<ReceiptJob>(SEND_RECEIPT, { ignoreStartAfter: true });
      if (!job || attempts > 20) break;
      attempts += 1;
      await boss.fail(SEND_RECEIPT, job.id, { message: 'poison' });
      const [meta] = await boss.findJobs(SEND_RECEIPT, { id });
      if (meta?.state === 'retry') waits.push((meta.startAfter.getTime() - Date.now()) / 1000);
    }
    expect(attempts).toBe(6);
    expect(waits.length).toBe(5);
    expect(waits[0]).toBeGreaterThan(8); // 10–20 s
    expect(waits[4]).toBeGreaterThan(waits[0]! * 4); // 160–320 s
    const dead = await boss.findJobs<ReceiptJob>(RECEIPTS_FAILED);
    expect(dead.map((j) => [j.data, j.sourceId])).toEqual([[{ invoiceId: INV_002 }, id]]);
  });
});
