/**
 * Run on the page: guarded() with one public route (/health) and one
 * private one (/me). The token store is a Map: "alice-token" is user 7.
 * The demo passes a fixed request id, the job of requestId() in a chain.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { guarded } from './guard.ts';

export const demos: Demo[] = [
  {
    name: 'guard',
    title: 'guarded({ public: /health, private: /me }), token: alice-token (user 7)',
    regions: ['guard'],
    handler: () => {
      const app = guarded(
        {
          public: new Map([['/health', async () => Response.json({ ok: true })]]),
          private: new Map([['/me', async (_request, ctx) => Response.json({ userId: ctx.userId })]]),
        },
        async (token) => (token === 'alice-token' ? 7 : null),
      );
      return (request) => app(request, { requestId: 'demo' });
    },
    requests: [
      { label: 'Public: no token needed', method: 'GET', path: '/health', expect: { status: 200, json: { ok: true } } },
      { label: 'Private, anonymous: 401', method: 'GET', path: '/me', expect: { status: 401, json: { error: 'unauthorized' } } },
      { label: 'Private, signed in', method: 'GET', path: '/me', headers: { Authorization: 'Bearer alice-token' }, expect: { status: 200, json: { userId: 7 } } },
      { label: 'No such route: 404', method: 'GET', path: '/nope', expect: { status: 404, json: { error: 'not_found' } } },
    ],
  },
];
