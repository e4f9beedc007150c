/**
 * Run on the page: createInvoice() with the validation of body.ts and the
 * schema of schema.ts. The store is a fake in memory (storing is the
 * create-invoice exercise): customer 201 is the signed-in user's, any other
 * id is "not yours"; ids count from 3005.
 */
import type { Demo, DemoRequest } from '../../../src/browser-runner/demos/demo.ts';
import { createInvoice, type InvoiceRow } from './handler.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const post = (label: string, body: string, expect: DemoRequest['expect'], headers: Record<string, string> = JSON_TYPE): DemoRequest =>
  ({ label, method: 'POST', path: '/invoices', headers, body, expect });

export const demos: Demo[] = [
  {
    name: 'create',
    title: 'POST /invoices: createInvoice(store), signed in as user 101, whose only customer is 201',
    regions: ['handler'],
    handler: () => {
      let next = 3005;
      const handle = createInvoice(async (_ownerId, data): Promise<InvoiceRow | null> =>
        (data.customer_id === 201 ? { id: next++, status: 'draft', ...data } : null));
      return (request) => handle(request, { user: { id: 101 } });
    },
    requests: [
      post('Valid: 201', '{"customer_id": 201, "amount_cents": 8990, "currency": "EUR"}', { status: 201, json: { id: 3005, customer_id: 201, amount_cents: 8990, currency: 'EUR', memo: '', status: 'draft' } }),
      post('Wrong types and an unknown field: 422', '{"customer_id": "201", "amount_cents": 89.9, "currency": "eur", "amount": 1}', {
        status: 422,
        json: { error: 'validation_failed', fields: [{ path: 'customer_id' }, { path: 'amount_cents' }, { path: 'currency' }, { path: 'amount', message: 'Unknown field' }] },
      }),
      post('Not JSON: 400', '{"customer_id": 201,', { status: 400, json: { error: 'invalid_json' } }),
      post('Form-encoded: 415', 'customer_id=201&amount_cents=8990', { status: 415, json: { error: 'unsupported_media_type' } }, { 'Content-Type': 'application/x-www-form-urlencoded' }),
      post('Someone else\'s customer: 422', '{"customer_id": 202, "amount_cents": 100, "currency": "USD"}', { status: 422, json: { error: 'validation_failed', fields: [{ path: 'customer_id', message: 'Unknown customer' }] } }),
    ],
  },
];
