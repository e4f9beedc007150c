/**
 * Run on the page: the chain of app.ts around its `me` handler. The token
 * store is a Map (as in the chapter's tests; production hashes and queries):
 * "alice-token" is user 7, "suspended-token" user 13 (the handler's 403), and
 * "boom-token" makes the lookup itself throw, as a token store that is down.
 * Other chapter-4 comparisons (request id, auth, errors, timing) show the
 * same chain with presets about their layer.
 */
import type { Demo, DemoRequest } from '../../../src/browser-runner/demos/demo.ts';
import { createApp } from './app.ts';

const USERS = new Map([['alice-token', 7], ['suspended-token', 13]]);

export function chainHandler() {
  const app = createApp({
    findUser: async (token) => {
      if (token === 'boom-token') throw new Error('token store unreachable');
      return USERS.get(token) ?? null;
    },
    now: () => performance.now(),
    access: () => {},
    log: { error() {}, info() {} },
  });
  return (request: Request) => app(request, {});
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const PRESETS = {
  signedIn: { label: 'Signed in: 200', method: 'GET', path: '/me', headers: bearer('alice-token'), expect: { status: 200, json: { userId: 7 } } },
  keepsId: { label: 'Proxy sent an id: kept', method: 'GET', path: '/me', headers: { ...bearer('alice-token'), 'X-Request-Id': 'trace-42' }, expect: { status: 200, json: { userId: 7, requestId: 'trace-42' } } },
  badId: { label: 'A malformed id: replaced', method: 'GET', path: '/me', headers: { ...bearer('alice-token'), 'X-Request-Id': 'ok] level=admin [x' }, expect: { status: 200, json: { userId: 7 } } },
  anonymous: { label: 'No token: 401 (with a request id)', method: 'GET', path: '/me', expect: { status: 401, json: { error: 'unauthorized' } } },
  unknown: { label: 'Unknown token: 401', method: 'GET', path: '/me', headers: bearer('not-a-token'), expect: { status: 401, json: { error: 'unauthorized' } } },
  suspended: { label: 'HttpError(403) from the handler', method: 'GET', path: '/me', headers: bearer('suspended-token'), expect: { status: 403, json: { error: 'suspended' } } },
  storeDown: { label: 'The token store throws: 500', method: 'GET', path: '/me', headers: bearer('boom-token'), expect: { status: 500, json: { error: 'internal' } } },
} satisfies Record<string, DemoRequest>;

export const demos: Demo[] = [
  {
    name: 'chain',
    title: 'compose(requestId, timing, errorBoundary, auth)(me), tokens: alice-token (user 7), suspended-token (13), boom-token (store down)',
    regions: ['chain', 'handler'],
    handler: chainHandler,
    requests: [PRESETS.signedIn, PRESETS.anonymous, PRESETS.suspended, PRESETS.storeDown],
  },
];
