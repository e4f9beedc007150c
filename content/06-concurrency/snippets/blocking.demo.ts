/**
 * Both apps of blocking.ts, with two requests arriving back to back (a
 * report, then a health check), answering with the order of events.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { blockingApp, yieldingApp } from './blocking.ts';

export const demos: Demo[] = [
  {
    name: 'race',
    title: 'GET /race/:app: a report (primes below 200,000) and a health check sent together; the answer is the order of events',
    regions: ['blocking', 'yielding'],
    localOnly: "blocking.ts yields with node:timers/promises' setImmediate, which browsers do not have, and its lesson needs two requests in flight at once; the chapter's snippet tests run it in Node",
    handler: () => async (request) => {
      const kind = new URL(request.url).pathname.split('/')[2];
      const make = kind === 'blocking' ? blockingApp : kind === 'yielding' ? yieldingApp : null;
      if (!make) return Response.json({ error: 'not_found' }, { status: 404 });
      const log: string[] = [];
      const app = make(log);
      const [report] = await Promise.all([app.report(200_000), app.health()]);
      return Response.json({ log, report: await report.json() });
    },
    requests: [
      { label: 'Blocking: health waits', method: 'GET', path: '/race/blocking', expect: { status: 200, json: { log: ['report: start', 'report: done', 'health: answered'], report: { primes: 17984 } } } },
      { label: 'Yielding: health answered first', method: 'GET', path: '/race/yielding', expect: { status: 200, json: { log: ['report: start', 'health: answered', 'report: done'], report: { primes: 17984 } } } },
    ],
  },
];
