/**
 * Chapter 13's "Check yourself" questions. Each answer is asserted by
 * test/snippets/13-background-jobs.check-yourself.test.ts against the chapter's snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'rolled-back-send',
    question:
      'Inside `withTransaction`, an `UPDATE` runs, then `boss.send(SEND_RECEIPT, data, inTransaction(client))` resolves with a job id, then the callback throws. How many jobs does the queue hold afterwards?',
    choices: ['0', '1', '1, in state `failed`'],
    answer: '0',
    explanation:
      'The job is a row written by the same client in the same transaction as the `UPDATE`. The `ROLLBACK` removes both; the id `send()` returned names a row that never committed.',
  },
  {
    id: 'retry-limit-attempts',
    question: 'The receipts queue has `retryLimit: 5`. A job\u2019s handler throws every time. How many times does the handler run before the job is failed and copied to the dead letter queue?',
    choices: ['5', '6', 'until `retentionSeconds` runs out'],
    answer: '6',
    explanation: '`retryLimit` counts retries, not attempts: the first run plus five retries. Celery\u2019s `max_retries` counts the same way.',
  },
  {
    id: 'concurrent-duplicate',
    question: '`sendReceipt` is handed the same job by two workers at the same moment. What do the two calls resolve with?',
    choices: ['`sent` twice', '`sent` and `duplicate`', 'one resolves, the other fails with a unique violation'],
    answer: '`sent` and `duplicate`',
    explanation:
      '`INSERT … ON CONFLICT DO NOTHING` makes the second insert wait for the first transaction. Once it commits, the key exists and the second insert returns no row, with no error, so the second call reports a duplicate and sends nothing.',
  },
]);
