/**
 * Chapter 4's TypeScript snippets, exercised: every claim the chapter's
 * prose makes about them is asserted here.
 */
import { describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { timingSafeEqual as honoTimingSafeEqual } from 'hono/utils/buffer';
import { compose, withHeader, type Handler, type Middleware } from '../../content/04-middleware/snippets/middleware.ts';
import { requestId, type WithRequestId } from '../../content/04-middleware/snippets/request-id.ts';
import { timing, type AccessLine } from '../../content/04-middleware/snippets/timing.ts';
import { auth, type WithUser } from '../../content/04-middleware/snippets/auth.ts';
import { errorBoundary, HttpError, type ErrorLog } from '../../content/04-middleware/snippets/errors.ts';
import { createApp, me, type Deps } from '../../content/04-middleware/snippets/app.ts';
import { leakyBoundary, sendReceipt } from '../../content/04-middleware/snippets/pitfalls.ts';
import { createHonoApp } from '../../content/04-middleware/snippets/hono-app.ts';
import { guarded } from '../../content/04-middleware/snippets/guard.ts';
import { read, request } from '../../src/workbook/testing/http.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TOKENS = new Map([
  ['alice-token', 1],
  ['suspended-token', 13],
]);

/** Fakes for every dependency, with a clock that advances 5 ms per reading. */
function deps(overrides: Partial<Deps> = {}) {
  let t = 1000;
  const lines: AccessLine[] = [];
  const errors: [unknown, { requestId: string }][] = [];
  const infos: string[] = [];
  const log: ErrorLog = {
    error: (error, fields) => errors.push([error, fields]),
    info: (message) => infos.push(message),
  };
  const d: Deps = {
    findUser: vi.fn(async (token: string) => TOKENS.get(token) ?? null),
    now: () => (t += 5),
    access: (line) => lines.push(line),
    log,
    ...overrides,
  };
  return { deps: d, lines, errors, infos };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('middleware.ts: Middleware is a function from handler to handler', () => {
  const tag = (name: string): Middleware<{ trail: string[] }> => (next) => async (req, ctx) =>
    withHeader(await next(req, { trail: [...ctx.trail, name] }), `X-${name}`, String(ctx.trail.length));

  it('compose(a, b, c)(handler) is a(b(c(handler))): the first listed is outermost', async () => {
    const handler: Handler<{ trail: string[] }> = async (_req, ctx) => Response.json(ctx.trail);
    const [a, b, c] = [tag('a'), tag('b'), tag('c')];
    const composed = await read(await compose(a, b, c)(handler)(request('GET', '/'), { trail: [] }));
    const byHand = await read(await a(b(c(handler)))(request('GET', '/'), { trail: [] }));
    expect(composed.json).toEqual(['a', 'b', 'c']);
    expect(byHand.json).toEqual(composed.json);
  });

  it('withHeader copies, so it works on Response.redirect(), whose headers are immutable', async () => {
    const redirect = Response.redirect('http://workbook.test/login', 302);
    expect(() => redirect.headers.set('X-Request-Id', 'x')).toThrow(TypeError);
    const copy = withHeader(Response.redirect('http://workbook.test/login', 302), 'X-Request-Id', 'x');
    expect(copy.status).toBe(302);
    expect(copy.headers.get('location')).toBe('http://workbook.test/login');
    expect(copy.headers.get('x-request-id')).toBe('x');
  });
});

describe('request-id.ts', () => {
  const echo: Handler<WithRequestId> = async (_req, ctx) => Response.json({ seen: ctx.requestId });
  const app = requestId(echo);
  const send = async (headers: Record<string, string> = {}) => read(await app(request('GET', '/', { headers }), {}));

  it('generates a UUID and echoes the same id the handler saw', async () => {
    const res = await send();
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(res.json.seen).toBe(res.headers.get('x-request-id'));
  });

  it('keeps a well-formed incoming id', async () => {
    expect((await send({ 'X-Request-Id': 'edge-42' })).json.seen).toBe('edge-42');
  });

  it('replaces a malformed one instead of logging it', async () => {
    const res = await send({ 'X-Request-Id': 'ok] level=admin [x' });
    expect(res.json.seen).toMatch(UUID);
  });
});

describe('timing.ts', () => {
  it('adds Server-Timing and writes one access line with the request id and status', async () => {
    const { deps: d, lines } = deps();
    const app = timing(d.now, d.access)(async () => new Response(null, { status: 204 }));
    const res = await app(request('DELETE', '/invoices/3?x=1'), { requestId: 'r-1' });
    expect(res.headers.get('server-timing')).toBe('app;dur=5.0');
    expect(lines).toEqual([{ requestId: 'r-1', method: 'DELETE', path: '/invoices/3', status: 204, ms: 5 }]);
  });
});

describe('auth.ts', () => {
  const whoami: Handler<WithRequestId & WithUser> = async (_req, ctx) => Response.json({ userId: ctx.userId });

  it('puts the user id of a known token in the context', async () => {
    const { deps: d } = deps();
    const res = await read(await auth(d.findUser)(whoami)(request('GET', '/me', { headers: bearer('alice-token') }), { requestId: 'r' }));
    expect(res.json).toEqual({ userId: 1 });
  });

  it.each([undefined, 'Bearer nope', 'Basic alice-token', 'Bearer alice-token extra'])(
    'answers %j with a JSON 401, WWW-Authenticate and the request id, without running the handler',
    async (authorization) => {
      const { deps: d } = deps();
      const handler = vi.fn(whoami);
      const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
      const res = await read(await auth(d.findUser)(handler)(request('GET', '/me', { headers }), { requestId: 'r-401' }));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.json).toEqual({ error: 'unauthorized', requestId: 'r-401' });
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it('does not look up a token from a malformed header', async () => {
    const { deps: d } = deps();
    await auth(d.findUser)(whoami)(request('GET', '/me', { headers: { Authorization: 'Basic alice-token' } }), { requestId: 'r' });
    expect(d.findUser).not.toHaveBeenCalled();
  });
});

describe('errors.ts: one place maps errors to responses', () => {
  const run = async (thrown: unknown, signal?: AbortSignal) => {
    const { deps: d, errors, infos } = deps();
    const app = errorBoundary(d.log)(async () => {
      throw thrown;
    });
    const res = await read(await app(request('GET', '/', { signal }), { requestId: 'r-err' }));
    return { res, errors, infos };
  };

  it('keeps an HttpError’s status and code, and does not log it', async () => {
    const { res, errors } = await run(new HttpError(404, 'not_found'));
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found', requestId: 'r-err' });
    expect(errors).toEqual([]);
  });

  it('turns anything else into a bare JSON 500 and logs the original', async () => {
    const boom = new Error('password=hunter2 in SELECT * FROM users');
    const { res, errors } = await run(boom);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: 'r-err' });
    expect(res.text).not.toContain('hunter2');
    expect(errors).toEqual([[boom, { requestId: 'r-err' }]]);
  });

  it('logs a client disconnect quietly instead of counting a 500', async () => {
    const client = new AbortController();
    client.abort();
    const { res, errors, infos } = await run(new DOMException('aborted', 'AbortError'), client.signal);
    expect(res.status).toBe(499);
    expect(errors).toEqual([]);
    expect(infos).toEqual(['client disconnected']);
  });
});

describe('app.ts: the composed chain', () => {
  it('serves the handler with the user id and the request id', async () => {
    const { deps: d, lines } = deps();
    const res = await read(await createApp(d)(request('GET', '/me', { headers: bearer('alice-token') }), {}));
    expect(res.status).toBe(200);
    expect(res.json.userId).toBe(1);
    expect(res.json.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.headers.get('server-timing')).toMatch(/^app;dur=/);
    expect(lines.map((l) => l.status)).toEqual([200]);
  });

  it('a 401 from auth still carries the request id and shows up in the access log', async () => {
    const { deps: d, lines } = deps();
    const res = await read(await createApp(d)(request('GET', '/me', { headers: { 'X-Request-Id': 'edge-7' } }), {}));
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('edge-7');
    expect(res.json).toEqual({ error: 'unauthorized', requestId: 'edge-7' });
    expect(lines).toMatchObject([{ requestId: 'edge-7', status: 401 }]);
  });

  it('a failure inside auth (the token store is down) is caught by the boundary listed before it', async () => {
    const outage = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const { deps: d, lines, errors } = deps({ findUser: async () => Promise.reject(outage) });
    const res = await read(await createApp(d)(request('GET', '/me', { headers: bearer('alice-token') }), {}));
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: res.headers.get('x-request-id') });
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(errors[0]![0]).toBe(outage);
    expect(lines).toMatchObject([{ status: 500 }]);
  });

  it('an HttpError thrown by the handler keeps its status', async () => {
    const { deps: d } = deps();
    const res = await read(await createApp(d)(request('GET', '/me', { headers: bearer('suspended-token') }), {}));
    expect(res.status).toBe(403);
    expect(res.json.error).toBe('suspended');
  });

  it('the types follow the order: a chain without auth cannot serve a handler that needs a user', () => {
    const { deps: d } = deps();
    // Checked by tsc (npm run typecheck): these lines do not compile.
    // @ts-expect-error no auth in the chain, so nothing provides userId
    void compose(requestId, timing(d.now, d.access), errorBoundary(d.log))(me);
    // @ts-expect-error auth first: nothing has set requestId yet
    void compose(auth(d.findUser), requestId, timing(d.now, d.access))(me);
  });
});

describe('guard.ts: private unless listed as public, like LoginRequiredMiddleware', () => {
  const health: Handler<WithRequestId> = async () => Response.json({ ok: true });
  const whoami: Handler<WithRequestId & WithUser> = async (_req, ctx) => Response.json({ userId: ctx.userId });
  const app = (findUser = deps().deps.findUser) =>
    guarded({ public: new Map([['/health', health]]), private: new Map([['/me', whoami]]) }, findUser);
  const send = async (path: string, headers: Record<string, string> = {}) =>
    read(await app()(request('GET', path, { headers }), { requestId: 'r-g' }));

  it('a private route answers a JSON 401 without a token and runs with one', async () => {
    const anonymous = await send('/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ error: 'unauthorized', requestId: 'r-g' });
    expect((await send('/me', bearer('alice-token'))).json).toEqual({ userId: 1 });
  });

  it('a public route never asks who is calling', async () => {
    const findUser = vi.fn(async () => 1);
    const res = await read(await app(findUser)(request('GET', '/health', { headers: bearer('alice-token') }), { requestId: 'r' }));
    expect(res.json).toEqual({ ok: true });
    expect(findUser).not.toHaveBeenCalled();
  });

  it('an unknown path is a 404, with or without a token', async () => {
    expect((await send('/nowhere')).status).toBe(404);
    expect((await send('/nowhere', bearer('alice-token'))).status).toBe(404);
  });

  it('refuses a path listed as both public and private', () => {
    expect(() => guarded({ public: new Map([['/me', health]]), private: new Map([['/me', whoami]]) }, deps().deps.findUser))
      .toThrow('/me is public and private');
  });

  it('a public handler cannot read a user: the compiler refuses it', () => {
    const wire = () =>
      // @ts-expect-error whoami needs userId, which a public route never gets
      guarded({ public: new Map([['/me', whoami]]), private: new Map() }, deps().deps.findUser);
    expect(wire).toBeTypeOf('function');
  });
});

describe('pitfalls.ts: exceptions still exist', () => {
  it('without the await, a rejected promise escapes the try/catch', async () => {
    const boom = new Error('boom');
    const app = leakyBoundary(() => Promise.reject(boom));
    await expect(app(request('GET', '/'), { requestId: 'r' })).rejects.toBe(boom);
  });

  it('a throw in a callback happens after the boundary has answered', async () => {
    const { deps: d, errors } = deps();
    const tasks: (() => void)[] = [];
    const app = errorBoundary(d.log)(sendReceipt((task) => tasks.push(task)));
    const res = await app(request('POST', '/receipts'), { requestId: 'r' });
    expect(res.status).toBe(202); // the boundary saw nothing
    expect(errors).toEqual([]);
    expect(() => tasks[0]!()).toThrow('SMTP connection refused'); // later, uncaught
  });
});

describe('hono-app.ts: the same chain in Hono, and what Hono decides for you', () => {
  const send = async (path: string, headers: Record<string, string> = {}, overrides: Partial<Deps> = {}) => {
    const f = deps(overrides);
    const res = await read(await createHonoApp(f.deps).request(path, { headers }));
    return { res, ...f };
  };

  it('serves the handler with the user id and the request id', async () => {
    const { res } = await send('/api/me', bearer('alice-token'));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ userId: 1, requestId: res.headers.get('x-request-id') });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(res.headers.get('server-timing')).toMatch(/^app;dur=/);
  });

  it('a missing token is a 401 with a JSON body (given the message option) and a Bearer challenge', async () => {
    const { res } = await send('/api/me');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: 'unauthorized' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });

  it('an unknown token is a 401 with error="invalid_token"', async () => {
    const { res } = await send('/api/me', bearer('nope'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('a malformed Authorization header is a 400 with a text body, not a 401', async () => {
    const { res } = await send('/api/me', { Authorization: 'Basic alice-token' });
    expect(res.status).toBe(400);
    expect(res.text).toBe('Bad Request');
  });

  it('without the message options, bearerAuth()\'s 401 is plain text', async () => {
    const app = new Hono();
    app.use(bearerAuth({ token: 'alice-token' }));
    app.get('/', (c) => c.text('ok'));
    const res = await app.request('/', { headers: bearer('nope') });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Unauthorized');
    expect((await app.request('/', { headers: bearer('alice-token') })).status).toBe(200);
  });

  it('with the token option, bearerAuth() also compares the raw strings, so its time grows with the real token’s length', async () => {
    // Hono's comparison (hono/utils/buffer) hashes both sides, then walks
    // the raw strings as well. Give it a hash under which everything is
    // equal: only the raw comparison is left to say "no".
    const sameHash = () => 'same';
    expect(await honoTimingSafeEqual('alice-token', 'alice-tokeN', sameHash)).toBe(false);
    expect(await honoTimingSafeEqual('alice-token', 'alice-token', sameHash)).toBe(true);
    // Count the characters it reads for one and the same guess: more when
    // the configured token is longer.
    const reads = async (secret: string, guess: string) => {
      const original = String.prototype.charCodeAt;
      let count = 0;
      String.prototype.charCodeAt = function (this: string, i: number) {
        count++;
        return original.call(this, i);
      };
      try {
        await honoTimingSafeEqual(secret, guess, sameHash);
      } finally {
        String.prototype.charCodeAt = original;
      }
      return count;
    };
    const guess = 'guess';
    expect(await reads('s'.repeat(32), guess)).toBeGreaterThan(await reads('s'.repeat(16), guess));
  });

  it('the 401 thrown by bearerAuth loses the X-Request-Id that requestId() set', async () => {
    const { res } = await send('/api/me', { 'X-Request-Id': 'edge-7' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBeNull();
  });

  it('requestId() silently replaces a malformed incoming id, and accepts "=" and up to 255 characters', async () => {
    const spaced = await send('/api/me', { ...bearer('alice-token'), 'X-Request-Id': 'a b' });
    expect(spaced.res.json.requestId).toMatch(UUID);
    const padded = await send('/api/me', { ...bearer('alice-token'), 'X-Request-Id': 'abc==' });
    expect(padded.res.json.requestId).toBe('abc==');
    const long = 'x'.repeat(255);
    expect((await send('/api/me', { ...bearer('alice-token'), 'X-Request-Id': long })).res.json.requestId).toBe(long);
  });

  it('an error is mapped by onError to a JSON 500 with the request id, and logged', async () => {
    const outage = new Error('connect ECONNREFUSED');
    const { res, errors } = await send('/api/me', bearer('alice-token'), { findUser: () => Promise.reject(outage) });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: expect.stringMatching(UUID) });
    expect(errors[0]![0]).toBe(outage);
  });

  it('await next() never throws in Hono: a try/catch in middleware does not see the error', async () => {
    const caught: unknown[] = [];
    const app = new Hono();
    app.use(async (_c, next) => {
      try {
        await next();
      } catch (error) {
        caught.push(error);
      }
    });
    app.get('/', () => {
      throw new Error('boom');
    });
    app.onError((_error, c) => c.json({ error: 'internal' }, 500));
    const res = await app.request('/');
    expect(res.status).toBe(500);
    expect(caught).toEqual([]);
  });

  it('Hono refuses a second call to next()', async () => {
    const app = new Hono();
    app.use(async (_c, next) => {
      await next();
      await next();
    });
    app.get('/', (c) => c.text('ok'));
    app.onError((error, c) => c.text(error.message, 500));
    const res = await app.request('/');
    expect(await res.text()).toBe('next() called multiple times');
  });

  it('c.get() is typed from the app’s Variables, even on a route no middleware filled', async () => {
    const app = new Hono<{ Variables: { userId: number } }>();
    app.get('/public', (c) => c.json({ userId: c.get('userId') ?? 'undefined at runtime' }));
    const res = await read(await app.request('/public'));
    expect(res.json).toEqual({ userId: 'undefined at runtime' });
  });
});
