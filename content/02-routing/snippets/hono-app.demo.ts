/** Run on the page: the Hono port of the URLconf, over an in-memory store of two invoices. */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { createApp } from './hono-app.ts';
import { memoryStore } from './invoices.ts';

const NOT_FOUND = { error: 'not_found' };

export const demos: Demo[] = [
  {
    name: 'app',
    title: 'createApp(store).fetch, with invoices 1 (INV-001) and 7 (INV-007) in memory',
    regions: ['app'],
    handler: () => {
      const app = createApp(memoryStore([
        { id: 1, number: 'INV-001', totalCents: 15000 },
        { id: 7, number: 'INV-007', totalCents: 8990 },
      ]));
      return (request) => app.fetch(request);
    },
    requests: [
      { label: 'List', method: 'GET', path: '/api/invoices', expect: { status: 200, json: { invoices: [{ id: 1 }, { id: 7 }] } } },
      { label: 'One invoice', method: 'GET', path: '/api/invoices/7', expect: { status: 200, json: { id: 7, number: 'INV-007', totalCents: 8990 } } },
      { label: ':id{[0-9]+} refuses "abc": 404', method: 'GET', path: '/api/invoices/abc', expect: { status: 404, json: NOT_FOUND } },
      { label: 'Wrong method: 404, not 405', method: 'POST', path: '/api/invoices', headers: { 'Content-Type': 'application/json' }, body: '{}', expect: { status: 404, json: NOT_FOUND } },
      { label: 'Trailing slash: 404', method: 'GET', path: '/api/invoices/', expect: { status: 404, json: NOT_FOUND } },
      { label: 'Delete: 204', method: 'DELETE', path: '/api/invoices/7', expect: { status: 204 } },
      { label: 'Deleted: 404', method: 'GET', path: '/api/invoices/7', expect: { status: 404, json: NOT_FOUND } },
    ],
  },
];
