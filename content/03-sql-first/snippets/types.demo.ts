/**
 * Run on the page: customerStatuses() (a LEFT JOIN) on the seeded billing
 * database. Every seeded customer has invoices; POST /customers adds one
 * that has none (the demo's own INSERT, not part of the snippet), and the
 * list then shows the `null` status the compiler made the code handle.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { customerStatuses } from './types.ts';

export const demos: Demo[] = [
  {
    name: 'left-join',
    title: "GET /statuses?owner=101: customerStatuses(db, owner); POST /customers adds a customer for alice (101)",
    regions: ['left_join'],
    database: 'billing',
    handler: ({ db }) => async (request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === '/statuses') {
        const owner = Number(url.searchParams.get('owner') ?? '101');
        if (!Number.isSafeInteger(owner)) return Response.json({ error: 'invalid_owner' }, { status: 400 });
        return Response.json({ statuses: await customerStatuses(db, owner) });
      }
      if (request.method === 'POST' && url.pathname === '/customers') {
        const body: unknown = await request.json().catch(() => null);
        const name = (body as { name?: unknown } | null)?.name;
        if (typeof name !== 'string' || name === '') return Response.json({ error: 'name_required' }, { status: 400 });
        const { rows } = await db.query<{ id: number }>('INSERT INTO billing_customer (owner_id, name) VALUES (101, $1) RETURNING id', [name]);
        return Response.json({ id: rows[0]!.id, name }, { status: 201 });
      }
      return Response.json({ error: 'not_found' }, { status: 404 });
    },
    requests: [
      { label: "Alice's customers", method: 'GET', path: '/statuses?owner=101', expect: { status: 200, json: { statuses: ['Acme Corp: paid', 'Acme Corp: sent', 'Acme Corp: draft'] } } },
      { label: 'Add a customer with no invoices', method: 'POST', path: '/customers', headers: { 'Content-Type': 'application/json' }, body: '{"name": "Initech"}', expect: { status: 201, json: { id: 203, name: 'Initech' } } },
      { label: 'Again: status is null', method: 'GET', path: '/statuses?owner=101', expect: { status: 200, json: { statuses: ['Acme Corp: paid', 'Acme Corp: sent', 'Acme Corp: draft', 'Initech: (no invoices)'] } } },
    ],
  },
];
