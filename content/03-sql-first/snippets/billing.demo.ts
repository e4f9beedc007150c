/**
 * Run on the page: the InvoiceForOwner query of billing.sql, through its
 * generated function and detail.ts's handler, signed in as alice (user 101)
 * on the seeded billing database. Invoices 3001–3003 are alice's; 3004 is
 * bob's. The demo plays the router: it takes :id from the path.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { invoiceDetail } from './detail.ts';

const ROUTE = new URLPattern({ pathname: '/invoices/:id([0-9]{1,15})' });

export const demos: Demo[] = [
  {
    name: 'detail',
    title: 'GET /invoices/:id as alice (user 101): invoiceDetail() on the generated InvoiceForOwner',
    regions: ['detail'],
    database: 'billing',
    handler: ({ db }) => (request) => {
      const id = ROUTE.exec(request.url)?.pathname.groups.id;
      if (id === undefined) return Response.json({ error: 'not_found' }, { status: 404 });
      return invoiceDetail(Number(id), { user: { id: 101 }, db });
    },
    requests: [
      { label: 'INV-001, with its customer', method: 'GET', path: '/invoices/3001', expect: { status: 200, json: { id: 3001, number: 'INV-001', totalCents: 15000, customer: 'Acme Corp' } } },
      { label: "Bob's invoice: 404", method: 'GET', path: '/invoices/3004', expect: { status: 404, json: { error: 'not_found' } } },
      { label: 'No such invoice: 404', method: 'GET', path: '/invoices/3999', expect: { status: 404, json: { error: 'not_found' } } },
    ],
  },
];
