/**
 * Run on the page: both route lists of shadowing.ts behind the naive
 * matcher, one under /shadowed and one under /fixed (the demo strips the
 * prefix before the list sees the path).
 */
import type { Demo, FetchHandler } from '../../../src/browser-runner/demos/demo.ts';
import { naiveRouter } from './route-table.ts';
import { fixed, shadowed } from './shadowing.ts';

function mount(prefixes: Record<string, FetchHandler>): FetchHandler {
  return (request) => {
    const url = new URL(request.url);
    for (const [prefix, handler] of Object.entries(prefixes)) {
      if (url.pathname.startsWith(`${prefix}/`)) {
        url.pathname = url.pathname.slice(prefix.length);
        return handler(new Request(url, request));
      }
    }
    return Response.json({ error: 'not_found' }, { status: 404 });
  };
}

export const demos: Demo[] = [
  {
    name: 'order',
    title: 'The shadowed list under /shadowed, the fixed one under /fixed',
    regions: ['order'],
    handler: () => mount({ '/shadowed': naiveRouter(shadowed), '/fixed': naiveRouter(fixed) }),
    requests: [
      { label: 'Shadowed: "new" taken as a number', method: 'GET', path: '/shadowed/invoices/new', expect: { status: 200, json: { number: 'new' } } },
      { label: 'Fixed: the form', method: 'GET', path: '/fixed/invoices/new', expect: { status: 200, json: { form: 'new_invoice' } } },
      { label: 'Fixed: a real number still works', method: 'GET', path: '/fixed/invoices/INV-007', expect: { status: 200, json: { number: 'INV-007' } } },
    ],
  },
];
