/**
 * Proofs of chapter 7's "Check yourself" answers
 * (content/07-dependency-injection/check-yourself.ts): each runs the
 * behaviour the question asks about and must observe the answer the page shows.
 */
import questions from '../../content/07-dependency-injection/check-yourself.ts';
import { fixedClock } from '../../content/07-dependency-injection/snippets/clock.ts';
import { loadConfig } from '../../content/07-dependency-injection/snippets/config.ts';
import { memoryDb, recordingReceipts, silentLogger } from '../../content/07-dependency-injection/snippets/fakes.ts';
import { createInvoiceHandlers } from '../../content/07-dependency-injection/snippets/handlers.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { jsValue, proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

proof('env-errors', () => {
  try {
    const config = loadConfig({ PORT: '8e3', RECEIPTS_URL: 'https://receipts.internal' });
    return `it starts on port ${config.PORT}`;
  } catch (error) {
    return `it throws \`${(error as Error).message}\``;
  }
});

proof('port-default', () =>
  jsValue(loadConfig({ DATABASE_URL: 'postgres://app@db.internal/billing', RECEIPTS_URL: 'https://receipts.internal' }).PORT),
);

proof('not-sent', async () => {
  // In memoryDb()'s seed, user 1's invoice 1 is already paid (invoice 2 is the sent one).
  const receipts = recordingReceipts();
  const handlers = createInvoiceHandlers({ db: memoryDb(), clock: fixedClock('2026-03-10T09:30:00Z'), receipts, logger: silentLogger });
  const res = await handlers.markPaid(request('POST', '/invoices/1/pay'), { user: { id: 1 }, invoiceId: 1 });
  return `${res.status}, and ${receipts.sent.length === 0 ? 'no receipt is sent' : receipts.sent.length === 1 ? 'a receipt is sent' : 'receipts are sent'}${res.status === 409 && receipts.sent.length ? ' anyway' : ''}`;
});

proof.everyQuestion();
