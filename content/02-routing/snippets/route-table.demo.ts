/** Run on the page: the route table behind the naive matcher, over an in-memory store. */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { memoryStore } from './invoices.ts';
import { invoiceRoutes, naiveRouter } from './route-table.ts';

const NOT_FOUND = { error: 'not_found' };

export const demos: Demo[] = [
  {
    name: 'table',
    title: 'naiveRouter(invoiceRoutes(store)), with invoices 1 (INV-001) and 7 (INV-007) in memory',
    regions: ['table', 'match'],
    handler: () => naiveRouter(invoiceRoutes(memoryStore([
      { id: 1, number: 'INV-001', totalCents: 15000 },
      { id: 7, number: 'INV-007', totalCents: 8990 },
    ]))),
    requests: [
      { label: 'List', method: 'GET', path: '/api/invoices', expect: { status: 200, json: { invoices: [{ id: 1 }, { id: 7 }] } } },
      { label: 'One invoice', method: 'GET', path: '/api/invoices/1', expect: { status: 200, json: { id: 1, number: 'INV-001' } } },
      { label: '"abc" matches no route: 404', method: 'GET', path: '/api/invoices/abc', expect: { status: 404, json: NOT_FOUND } },
      { label: 'Wrong method: 404 (the exercise makes it 405)', method: 'PUT', path: '/api/invoices/1', body: '{}', expect: { status: 404, json: NOT_FOUND } },
      { label: 'Delete: 204', method: 'DELETE', path: '/api/invoices/1', expect: { status: 204 } },
      { label: 'Deleted: 404', method: 'GET', path: '/api/invoices/1', expect: { status: 404, json: NOT_FOUND } },
    ],
  },
];
