/**
 * Run on the page: the three ways of fan-out.ts against a fake upstream
 * whose calls really wait (setTimeout) 100, 300 and 200 ms, as in the
 * chapter's tests (which use a fake clock instead). The demo reports how
 * long the call took: about 600 ms one after another, about 300 all at once.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { bestEffort, concurrent, sequential, type Upstream } from './fan-out.ts';

const wait = <T>(ms: number, value: () => T) =>
  new Promise<T>((resolve, reject) => setTimeout(() => {
    try {
      resolve(value());
    } catch (error) {
      reject(error);
    }
  }, ms));

/** ?fail=notifications makes that call reject, for bestEffort. */
function upstream(fail: string | null): Upstream {
  const failing = (name: string) => {
    if (fail === name) throw new Error(`${name} is down`);
  };
  return {
    profile: () => wait(100, () => (failing('profile'), { name: 'Ada' })),
    invoices: () => wait(300, () => (failing('invoices'), { open: 2 })),
    notifications: () => wait(200, () => (failing('notifications'), ['INV-002 is due'])),
  };
}

const WAYS = { sequential, concurrent, bestEffort };

export const demos: Demo[] = [
  {
    name: 'dashboard',
    title: 'GET /dashboard/:way (sequential, concurrent, bestEffort), upstream calls of 100, 300 and 200 ms; ?fail=notifications makes one fail',
    regions: ['sequential', 'all', 'settled'],
    handler: () => async (request) => {
      const url = new URL(request.url);
      const way = /^\/dashboard\/(\w+)$/.exec(url.pathname)?.[1] ?? '';
      if (!Object.hasOwn(WAYS, way)) return Response.json({ error: 'not_found' }, { status: 404 });
      const started = performance.now();
      try {
        const result = await WAYS[way as keyof typeof WAYS](upstream(url.searchParams.get('fail')), 7);
        return Response.json({ way, ms: Math.round(performance.now() - started), ...result });
      } catch (error) {
        return Response.json({ way, ms: Math.round(performance.now() - started), error: String(error) }, { status: 502 });
      }
    },
    requests: [
      { label: 'One after another: ~600 ms', method: 'GET', path: '/dashboard/sequential', expect: { status: 200, json: { way: 'sequential', profile: { name: 'Ada' }, invoices: { open: 2 } } } },
      { label: 'Promise.all: ~300 ms', method: 'GET', path: '/dashboard/concurrent', expect: { status: 200, json: { way: 'concurrent', notifications: ['INV-002 is due'] } } },
      { label: 'One call fails: Promise.all fails', method: 'GET', path: '/dashboard/concurrent?fail=notifications', expect: { status: 502, json: { way: 'concurrent', error: 'Error: notifications is down' } } },
      { label: 'allSettled keeps the rest', method: 'GET', path: '/dashboard/bestEffort?fail=notifications', expect: { status: 200, json: { way: 'bestEffort', profile: { name: 'Ada' }, notifications: [] } } },
    ],
  },
];
