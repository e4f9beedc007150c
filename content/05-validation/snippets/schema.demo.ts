/**
 * Run on the page: CreateInvoice.safeParse() on the JSON body, nothing
 * else (no content-type or size checks: that is body.ts, in the handler's
 * demo). 200 with the parsed data (defaults filled in), or 422 with the
 * issues as fieldErrors() words them.
 */
import type { Demo, DemoRequest } from '../../../src/browser-runner/demos/demo.ts';
import { fieldErrors } from './body.ts';
import { CreateInvoice } from './schema.ts';

const post = (label: string, body: string, expect: DemoRequest['expect']): DemoRequest =>
  ({ label, method: 'POST', path: '/validate', headers: { 'Content-Type': 'application/json' }, body, expect });

export const demos: Demo[] = [
  {
    name: 'safe-parse',
    title: 'POST /validate: CreateInvoice.safeParse(body): the data it returns, or its issues',
    regions: ['schema'],
    handler: () => async (request) => {
      let json: unknown;
      try {
        json = await request.json();
      } catch {
        return Response.json({ error: 'invalid_json' }, { status: 400 });
      }
      const result = CreateInvoice.safeParse(json);
      if (!result.success) return Response.json({ error: 'validation_failed', fields: fieldErrors(result.error) }, { status: 422 });
      return Response.json({ data: result.data });
    },
    requests: [
      post('Valid: memo defaults to ""', '{"customer_id": 201, "amount_cents": 8990, "currency": "EUR"}', { status: 200, json: { data: { customer_id: 201, amount_cents: 8990, currency: 'EUR', memo: '' } } }),
      post('A string id is not coerced', '{"customer_id": "201", "amount_cents": 8990, "currency": "EUR"}', { status: 422, json: { fields: [{ path: 'customer_id' }] } }),
      post('Cents must be whole', '{"customer_id": 201, "amount_cents": 89.9, "currency": "EUR"}', { status: 422, json: { fields: [{ path: 'amount_cents' }] } }),
      post('Unknown currency, unknown field', '{"customer_id": 201, "amount_cents": 1, "currency": "JPY", "amount": 1}', { status: 422, json: { fields: [{ path: 'currency' }, { path: 'amount', message: 'Unknown field' }] } }),
    ],
  },
];
