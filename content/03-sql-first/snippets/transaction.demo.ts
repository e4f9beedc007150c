/**
 * Run on the page: createInvoice() of transaction.ts, as alice (user 101,
 * customer 201) on the seeded billing database, answering with its
 * { status, id } as JSON. The demo's pool hands out the one PGlite session
 * as the "connection" (release() has nothing to give back); GET /invoices
 * lists alice's invoice numbers, to see that a rolled-back invoice left
 * nothing behind.
 */
import type { Demo, DemoRequest } from '../../../src/browser-runner/demos/demo.ts';
import { createInvoice, type Item, type Pool } from './transaction.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const post = (label: string, body: object, expect: DemoRequest['expect']): DemoRequest =>
  ({ label, method: 'POST', path: '/invoices', headers: JSON_TYPE, body: JSON.stringify(body, null, 1), expect });
const items: Item[] = [{ description: 'Consulting', quantity: 3, unitPriceCents: 12000 }];

export const demos: Demo[] = [
  {
    name: 'create',
    title: 'POST /invoices as alice (user 101): createInvoice() in withTransaction(); GET /invoices lists her numbers',
    regions: ['helper', 'map', 'use'],
    database: 'billing',
    handler: ({ db }) => {
      const pool: Pool = { query: db.query.bind(db), connect: async () => ({ query: db.query.bind(db), release() {} }) };
      return async (request) => {
        const { pathname } = new URL(request.url);
        if (pathname !== '/invoices') return Response.json({ error: 'not_found' }, { status: 404 });
        if (request.method === 'GET') {
          const { rows } = await db.query<{ number: string }>('SELECT number FROM billing_invoice WHERE owner_id = 101 ORDER BY id');
          return Response.json({ numbers: rows.map((r) => r.number) });
        }
        if (request.method !== 'POST') return Response.json({ error: 'method_not_allowed' }, { status: 405 });
        const body = (await request.json().catch(() => null)) as { customerId?: number; number?: string; issuedOn?: string; items?: Item[] } | null;
        if (!body || typeof body.number !== 'string' || !Array.isArray(body.items)) return Response.json({ error: 'invalid_body' }, { status: 400 });
        const result = await createInvoice(pool, 101, body.customerId ?? 0, body.number, body.issuedOn ?? '2026-03-01', body.items);
        return Response.json(result, { status: result.status });
      };
    },
    requests: [
      post('New invoice: 201', { customerId: 201, number: 'INV-004', items }, { status: 201, json: { status: 201, id: 3005 } }),
      post('Number taken (23505): 409', { customerId: 201, number: 'INV-001', items }, { status: 409, json: { status: 409, id: null } }),
      post("Bob's customer: 422", { customerId: 202, number: 'INV-005', items }, { status: 422, json: { status: 422, id: null } }),
      post('A line breaks a CHECK (23514): 422, rolled back', { customerId: 201, number: 'INV-006', items: [...items, { description: 'Refund', quantity: 0, unitPriceCents: 100 }] }, { status: 422, json: { status: 422, id: null } }),
      { label: 'No INV-005 or INV-006 left behind', method: 'GET', path: '/invoices', expect: { status: 200, json: { numbers: ['INV-001', 'INV-002', 'INV-003', 'INV-004'] } } },
    ],
  },
];
