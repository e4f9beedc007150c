/**
 * Run on the page: the InvoiceForOwner query of billing.sql, through its
 * generated function and detail.ts's handler, signed in as alice (user 101)
 * on the seeded billing database. Invoices 3001–3003 are alice's; 3004 is
 * bob's. The demo plays the router: it takes :id from the path.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { invoiceDetail } from './detail.ts';
import { openPerCustomer } from './types.ts';

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
  {
    name: 'count-filter',
    title: 'GET /open?owner=:id: the generated OpenInvoicesPerCustomer (count … FILTER) for one owner; 101 is alice, 102 bob',
    regions: ['count_filter'],
    database: 'billing',
    handler: ({ db }) => async (request) => {
      const url = new URL(request.url);
      if (url.pathname !== '/open') return Response.json({ error: 'not_found' }, { status: 404 });
      const owner = url.searchParams.get('owner') ?? '';
      if (!/^[1-9][0-9]{0,8}$/.test(owner)) return Response.json({ error: 'invalid_owner' }, { status: 400 });
      return Response.json({ customers: await openPerCustomer(db, Number(owner)) });
    },
    requests: [
      { label: "Alice: one of three invoices is open", method: 'GET', path: '/open?owner=101', expect: { status: 200, json: { customers: [{ name: 'Acme Corp', open: 1 }] } } },
      { label: 'Bob', method: 'GET', path: '/open?owner=102', expect: { status: 200, json: { customers: [{ name: 'Globex', open: 1 }] } } },
      { label: 'An owner with no customers: no rows', method: 'GET', path: '/open?owner=999', expect: { status: 200, json: { customers: [] } } },
    ],
  },
];
