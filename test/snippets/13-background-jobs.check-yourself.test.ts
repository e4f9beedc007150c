/**
 * Proofs of chapter 13's "Check yourself" answers
 * (content/13-background-jobs/check-yourself.ts), on PGlite with pg-boss.
 */
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import questions from '../../content/13-background-jobs/check-yourself.ts';
import { markPaid, type ReceiptJob } from '../../content/13-background-jobs/snippets/enqueue.ts';
import { createQueues, SEND_RECEIPT, startBoss } from '../../content/13-background-jobs/snippets/queue.ts';
import { inTransaction, withTransaction, type Pool } from '../../content/13-background-jobs/snippets/transaction.ts';
import { sendReceipt } from '../../content/13-background-jobs/snippets/worker.ts';
import { workbookTypes } from '../../src/lib/db.ts';
import { seededPglite } from '../../src/workbook/testing/pglite-template.ts';
import { jobsFixture } from '../fixtures/13-background-jobs.ts';
import { INV_002 } from '../fixtures/billing.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

let lite: PGlite;
let real: pg.Pool;
let pool: Pool;
let boss: PgBoss;

beforeAll(async () => {
  lite = await seededPglite(jobsFixture);
  await lite.exec('CREATE TABLE jobs_idempotencykey (key text PRIMARY KEY, created_at timestamp with time zone DEFAULT now() NOT NULL)');
  real = new pg.Pool({ ...createPgConfig(lite), types: workbookTypes });
  pool = real as unknown as Pool;
  boss = await startBoss(pool);
}, 60_000);
afterAll(async () => {
  await boss?.stop({ graceful: false, close: false });
  await real?.end();
  await lite?.close();
});
beforeEach(async () => {
  await lite.exec(`TRUNCATE ${jobsFixture.tables.join(', ')}, jobs_idempotencykey RESTART IDENTITY CASCADE;${jobsFixture.seed}`);
  await createQueues(boss);
}, 30_000);

proof('rolled-back-send', async () => {
  await withTransaction(pool, async (client) => {
    await client.query(`UPDATE billing_invoice SET status = 'paid' WHERE id = $1`, [INV_002]);
    const id = await boss.send(SEND_RECEIPT, { invoiceId: INV_002 }, inTransaction(client));
    if (!id) throw new Error('send returned no id');
    throw new Error('later failure');
  }).catch(() => {});
  const jobs = await boss.findJobs(SEND_RECEIPT);
  return jobs.length === 0 ? '0' : jobs.some((j) => j.state === 'failed') ? '1, in state `failed`' : String(jobs.length);
}, 30_000);

proof('retry-limit-attempts', async () => {
  await markPaid(pool, boss, INV_002);
  let runs = 0;
  for (;;) {
    const [job] = await boss.fetch<ReceiptJob>(SEND_RECEIPT, { ignoreStartAfter: true });
    if (!job || runs > 50) break;
    runs += 1;
    await boss.fail(SEND_RECEIPT, job.id, { message: 'always throws' });
  }
  return String(runs);
}, 30_000);

proof('concurrent-duplicate', async () => {
  await markPaid(pool, boss, INV_002);
  const [job] = await boss.fetch<ReceiptJob>(SEND_RECEIPT);
  const handle = sendReceipt(pool, { send: async () => {} });
  const results = (await Promise.all([handle(job!), handle(job!)])).sort();
  return results[0] === results[1] ? `\`${results[0]}\` twice` : `\`${results[1]}\` and \`${results[0]}\``;
}, 30_000);

proof.everyQuestion();
