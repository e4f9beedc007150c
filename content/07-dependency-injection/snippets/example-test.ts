/**
 * A handler test, as the chapter shows it. test/snippets runs it:
 * describe('…', handlerTests).
 */
import { expect, it } from 'vitest';
import { fixedClock } from './clock.ts';
import { memoryDb, recordingReceipts, silentLogger } from './fakes.ts';
import { createInvoiceHandlers } from './handlers.ts';

export function handlerTests() {
  // #region test
  it('marks it paid at the clock’s time and sends a receipt', async () => {
    const db = memoryDb();
    const clock = fixedClock('2026-03-10T09:30:00Z');
    const receipts = recordingReceipts();
    const logger = silentLogger;
    const handlers = createInvoiceHandlers({ db, clock, receipts, logger });

    const ctx = { user: { id: 1 }, invoiceId: 2 };
    const response = await handlers.markPaid(new Request('http://x/'), ctx);

    expect(response.status).toBe(200);
    const receipt = { number: 'INV-002', paidAt: clock.now() };
    expect(receipts.sent).toEqual([receipt]);
    const sql = 'SELECT paid_at FROM billing_invoice WHERE id = 2';
    const { rows } = await db.query(sql);
    expect(rows[0]?.paid_at).toEqual(clock.now());
  });
  // #endregion
}
