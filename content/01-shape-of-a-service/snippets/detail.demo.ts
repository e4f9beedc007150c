/**
 * Run on the page: customerDetail() against the seeded billing database,
 * signed in as alice (user 101, customer 201 "Acme Corp"); Globex (202) is
 * bob's. The demo plays the router: it takes :id from the path.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { customerDetail } from './detail.ts';

const ALICE = { id: 101, username: 'alice' };
const ROUTE = new URLPattern({ pathname: '/customers/:id' });

export const demos: Demo[] = [
  {
    name: 'customer',
    title: 'GET /customers/:id as alice (user 101) on the seeded billing database',
    regions: ['handler'],
    database: 'billing',
    handler: ({ db }) => async (request) => {
      const match = ROUTE.exec(request.url);
      if (!match) return Response.json({ error: 'not_found' }, { status: 404 });
      return customerDetail(request, { user: ALICE, db, params: { id: match.pathname.groups.id ?? '' } });
    },
    requests: [
      { label: "Alice's customer", method: 'GET', path: '/customers/201', expect: { status: 200, json: { id: 201, name: 'Acme Corp', invoiceCount: 3 } } },
      { label: "Bob's customer: 404, not 403", method: 'GET', path: '/customers/202', expect: { status: 404, json: { error: 'not_found' } } },
      { label: 'No such customer: the same 404', method: 'GET', path: '/customers/999', expect: { status: 404, json: { error: 'not_found' } } },
      { label: '"007": 400, no leading zeros', method: 'GET', path: '/customers/007', expect: { status: 400, json: { error: 'invalid_id' } } },
      { label: '"1e3" is not an id: 400', method: 'GET', path: '/customers/1e3', expect: { status: 400, json: { error: 'invalid_id' } } },
    ],
  },
];
