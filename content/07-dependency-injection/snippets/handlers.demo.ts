/**
 * Run on the page: the router of app.ts over createInvoiceHandlers(), on
 * the seeded billing database, wired the way the chapter's tests wire it:
 * a fixed clock, a silent logger, and receipts recorded in memory (GET
 * /receipts shows them). Authentication is a fake too: "alice-token" is
 * alice (user 101); app.ts's createTokenAuth hashes with node:crypto,
 * which the browser lacks, and is not used here.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { createApp } from './app.ts';
import { fixedClock } from './clock.ts';
import { createInvoiceHandlers } from './handlers.ts';
import type { Logger } from './logger.ts';
import type { Receipt, Receipts } from './receipts.ts';

// fakes.ts's recordingReceipts and silentLogger, written again: fakes.ts
// also imports pg-mem, which would weigh down the page's bundle.
function recordingReceipts(): Receipts & { sent: Receipt[] } {
  const sent: Receipt[] = [];
  return { sent, send: async (receipt) => void sent.push(receipt) };
}
const silentLogger: Logger = { info() {}, error() {} };

const PAID_AT = '2026-03-01T09:30:00.000Z';
const alice = { Authorization: 'Bearer alice-token' };

export const demos: Demo[] = [
  {
    name: 'pay',
    title: 'POST /invoices/:id/pay with every dependency passed in: the billing database, clock fixed at 2026-03-01 09:30 UTC, recorded receipts (GET /receipts); token: alice-token (user 101)',
    regions: ['factory'],
    database: 'billing',
    handler: ({ db }) => {
      const receipts = recordingReceipts();
      const invoices = createInvoiceHandlers({ db, clock: fixedClock(PAID_AT), logger: silentLogger, receipts });
      const app = createApp({
        invoices,
        authenticate: async (request) => (request.headers.get('authorization') === alice.Authorization ? { id: 101 } : null),
      });
      return (request) => (new URL(request.url).pathname === '/receipts' ? Response.json({ sent: receipts.sent }) : app.fetch(request));
    },
    requests: [
      { label: 'Pay INV-002 (sent)', method: 'POST', path: '/invoices/3002/pay', headers: alice, expect: { status: 200, json: { id: 3002, number: 'INV-002', paidAt: PAID_AT } } },
      { label: 'Pay it again: 409', method: 'POST', path: '/invoices/3002/pay', headers: alice, expect: { status: 409, json: { error: 'not_payable' } } },
      { label: "Bob's invoice: 409", method: 'POST', path: '/invoices/3004/pay', headers: alice, expect: { status: 409, json: { error: 'not_payable' } } },
      { label: 'No token: 401', method: 'POST', path: '/invoices/3002/pay', expect: { status: 401, json: { error: 'unauthorized' } } },
      { label: 'The receipt the fake recorded', method: 'GET', path: '/receipts', expect: { status: 200, json: { sent: [{ number: 'INV-002', paidAt: PAID_AT }] } } },
    ],
  },
];
