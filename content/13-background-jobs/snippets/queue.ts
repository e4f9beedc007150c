/**
 * Chapter 13: pg-boss, a job queue whose jobs are rows in your own
 * PostgreSQL. Tested by test/snippets/13-background-jobs.test.ts.
 */
import { PgBoss } from 'pg-boss';
import type { Pool } from './transaction.ts';

// #region start
export async function startBoss(pool: Pool): Promise<PgBoss> {
  // In production, new PgBoss(process.env.DATABASE_URL) gives pg-boss a
  // pool of its own. Here it shares the app's pool (PGlite in tests).
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    schedule: false, // no cron jobs in this chapter
    supervise: false, // maintenance runs in one process of the fleet
  });
  boss.on('error', (error) => console.error('pg-boss', error));
  await boss.start(); // creates or migrates the pgboss schema
  return boss;
}
// #endregion

export const SEND_RECEIPT = 'send-receipt';
export const RECEIPTS_FAILED = 'send-receipt-failed';

// #region queues
export async function createQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(RECEIPTS_FAILED); // the dead letter queue
  await boss.createQueue(SEND_RECEIPT, {
    retryLimit: 5, // then it is failed and copied to RECEIPTS_FAILED
    retryDelay: 10, // seconds before the first retry…
    retryBackoff: true, // …then about twice as long each time
    retryDelayMax: 900,
    expireInSeconds: 60, // an attempt running longer is retried
    deadLetter: RECEIPTS_FAILED,
  });
}
// #endregion
