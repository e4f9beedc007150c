import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerAuth, type AuthContext, type Handler, type TokenRecord } from '@exercise/04-middleware/bearer-auth';
import { headerValue } from '../../src/workbook/testing/boundaries.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { expectOwnResponses, turns } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, showInput } from '../../src/workbook/testing/properties.ts';
import { expectResponse, type ReadResponse } from '../../src/workbook/testing/responses.ts';

// The one constant-time comparison a grader can see from outside: Node's
// crypto.timingSafeEqual. Spy on it, whichever way the module is imported,
// and keep the lengths it was given.
const spy = vi.hoisted(() => ({ calls: [] as [number, number][] }));
async function withSpy(original: typeof import('node:crypto')) {
  const timingSafeEqual: typeof original.timingSafeEqual = (a, b) => {
    spy.calls.push([a.byteLength, b.byteLength]);
    return original.timingSafeEqual(a, b);
  };
  return { ...original, timingSafeEqual, default: { ...original, timingSafeEqual } };
}
vi.mock('node:crypto', async (importOriginal) => withSpy(await importOriginal()));
vi.mock('crypto', async (importOriginal) => withSpy(await importOriginal()));

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

const ALICE = 101;
const BOB = 102;
const ALICE_TOKEN = 'alice-0c4f2b6e.9d7a~secret+/x==';
const BOB_TOKEN = 'bob-5e1d8a3f';
const tokens: TokenRecord[] = [
  { userId: ALICE, sha256: sha256(ALICE_TOKEN) },
  { userId: BOB, sha256: sha256(BOB_TOKEN) },
];

/** RFC 6750's b64token (token68), the brief's rule: the oracle generated headers are judged by. */
const TOKEN68_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/';
const BEARER_HEADER = /^bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

interface Ctx extends AuthContext {
  requestId: string;
}

function setup(records: readonly TokenRecord[] = tokens) {
  const seen: Ctx[] = [];
  const handler: Handler<Ctx> = vi.fn(async (_request: Request, ctx: Ctx) => {
    seen.push(ctx);
    return Response.json({ userId: ctx.userId });
  });
  const app = bearerAuth(records)<{ requestId: string }>(handler);
  const send = async (authorization?: string) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
    return read(await app(request('GET', '/me', { headers }), { requestId: 'req-1' }));
  };
  return { send, handler, seen };
}

/** Every refusal is the same JSON 401 with the Bearer challenge. */
const expectUnauthorized = (res: ReadResponse) =>
  expectResponse(res, { status: 401, json: { equals: { error: 'unauthorized' } }, headers: { 'www-authenticate': /^Bearer\b/ } });

/**
 * Authorization headers built from a scheme, a separator and a token. The
 * tokens mix token68 (with and without `=` padding) with the characters
 * outside it that a lax parser lets through: commas, quotes, `=` in the
 * middle, spaces, tabs, Latin-1 letters.
 */
const authorization = (() => {
  const t68 = fc.string({ unit: fc.constantFrom(...TOKEN68_CHARS), minLength: 1, maxLength: 24 });
  const padded = fc.tuple(t68, fc.integer({ min: 0, max: 2 })).map(([t, n]) => t + '='.repeat(n));
  const stray = fc.constantFrom(',', '"', '=', ' ', '\t', ':', ';', '(', ')', '\\', '@', '!', '%', '*', 'é', 'ÿ', '\u00a0');
  const oneBad = fc.tuple(t68, stray, fc.nat()).map(([t, bad, at]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + bad + t.slice(i);
  });
  const midPadding = fc.tuple(t68, fc.constantFrom('=', '=='), t68).map(([a, eq, b]) => a + eq + b);
  const token = fc.oneof(
    { arbitrary: padded, weight: 3 },
    { arbitrary: oneBad, weight: 3 },
    { arbitrary: midPadding, weight: 1 },
    { arbitrary: headerValue({ maxLength: 24 }), weight: 1 },
    { arbitrary: fc.constant(''), weight: 1 },
  );
  // Mostly a well-formed scheme and one space, so the token's characters decide.
  const scheme = fc.oneof(
    { arbitrary: fc.constantFrom('Bearer', 'bearer', 'BEARER', 'bEaReR'), weight: 4 },
    { arbitrary: fc.constantFrom('Basic', 'Token', 'Bearer:', 'Bearerx', 'earer', 'xBearer', 'Token Bearer', 'Bearer Bearer', ''), weight: 1 },
  );
  const separator = fc.oneof({ arbitrary: fc.constant(' '), weight: 4 }, { arbitrary: fc.constantFrom('  ', '\t', '', ','), weight: 1 });
  return fc.record({ scheme, separator, token });
})();

beforeEach(() => {
  spy.calls.length = 0;
});

describe('bearer-auth', () => {
  it('passes the user id of a valid token to the handler', async () => {
    const { send, seen } = setup();
    const res = await send(`Bearer ${ALICE_TOKEN}`);
    await expectResponse(res, { status: 200, json: { equals: { userId: ALICE } } });
    expect(seen[0]!.userId).toBe(ALICE);
  });

  it('tells users apart: another token, another user id', async () => {
    const { send } = setup();
    expect((await send(`Bearer ${BOB_TOKEN}`)).json).toEqual({ userId: BOB });
  });

  it('keeps the fields the caller’s context already had', async () => {
    const { send, seen } = setup();
    await send(`Bearer ${BOB_TOKEN}`);
    expect(seen[0]!.requestId).toBe('req-1');
  });

  it('keeps two token lists apart: each bearerAuth(tokens) knows only its own, whichever was built first', async () => {
    const tenantA = [{ userId: 301, sha256: sha256('tenant-a-token') }];
    const tenantB = [{ userId: 302, sha256: sha256('tenant-b-token') }];
    const a = setup(tenantA);
    const b = setup(tenantB);
    expect((await a.send('Bearer tenant-a-token')).json).toEqual({ userId: 301 });
    expect((await b.send('Bearer tenant-b-token')).json).toEqual({ userId: 302 });
    expect((await b.send('Bearer tenant-a-token')).status, 'the second token list accepted a token of the first').toBe(401);
    expect((await a.send('Bearer tenant-b-token')).status, 'the first token list accepted a token of the second').toBe(401);
  });

  it.each([
    ['3 characters', 'abc'],
    ['63 characters', sha256(BOB_TOKEN).slice(1)],
    ['65 characters', `${sha256(BOB_TOKEN)}0`],
    ['a character that is not hex', `${sha256(BOB_TOKEN).slice(1)}g`],
    ['a trailing newline', `${sha256(BOB_TOKEN)}\n`],
    ['nothing', ''],
  ])('refuses a stored sha256 of %s when bearerAuth(tokens) is called, before any request', (_what, digest) => {
    expect(() => bearerAuth([...tokens, { userId: 103, sha256: digest }])).toThrow();
  });

  it('accepts exactly "Bearer <token68>" (scheme in any letter case, one space) for a stored token, and answers 401 JSON otherwise', async () => {
    await checkProperty(
      'the Authorization rule',
      authorization,
      async ({ scheme, separator, token }) => {
        // The token's own digest is stored, so only the parsing decides.
        const { send, handler } = setup([...tokens, { userId: 7, sha256: sha256(token) }]);
        const sent = `${scheme}${separator}${token}`;
        const received = new Headers({ Authorization: sent }).get('Authorization')!;
        const match = BEARER_HEADER.exec(received);
        const res = await send(sent);
        if (match && match[1] === token) {
          if (res.status !== 200) return `was answered ${res.status}; a stored token in the form "Bearer <token68>" must get in`;
          if (res.json?.userId !== 7) return `reached the handler as user ${res.json?.userId}, not the token's user 7`;
          return;
        }
        if (res.status !== 401) return `was answered ${res.status}: the header must be exactly "Bearer", one space and a token of A-Z a-z 0-9 - . _ ~ + / with optional = padding`;
        if (vi.mocked(handler).mock.calls.length > 0) return 'reached the handler despite the 401';
        await expectUnauthorized(res);
      },
      { show: ({ scheme, separator, token }) => `Authorization: ${showInput(scheme + separator + token)}`, numRuns: 300 },
    );
  });

  it('finds the user by the SHA-256 of the token: only digests are stored', async () => {
    const { send } = setup();
    // The digest itself is not a token: sending it must not log anyone in.
    expect((await send(`Bearer ${sha256(BOB_TOKEN)}`)).status).toBe(401);
    expect((await send(`Bearer ${BOB_TOKEN}`)).status).toBe(200);
  });

  it('compares 32-byte digests with crypto.timingSafeEqual (spied), not with === on strings, for known and unknown tokens', async () => {
    const { send } = setup();
    expect((await send(`Bearer ${BOB_TOKEN}`)).status).toBe(200);
    expect(spy.calls.length).toBeGreaterThan(0);
    spy.calls.length = 0;
    expect((await send('Bearer bob-5e1d8a3e')).status).toBe(401);
    expect(spy.calls.length, 'an unknown token must be compared with every stored digest').toBeGreaterThanOrEqual(tokens.length);
    spy.calls.length = 0;
    // A guess of another length is compared all the same: what is compared
    // are digests, so nothing depends on the length of the secret.
    expect((await send(`Bearer ${'g'.repeat(200)}`)).status).toBe(401);
    expect(spy.calls.length).toBeGreaterThanOrEqual(tokens.length);
    for (const [a, b] of spy.calls) expect([a, b], 'timingSafeEqual must compare the two SHA-256 digests, equal in length').toEqual([32, 32]);
  });

  it.each([
    ['no Authorization header', undefined],
    ['the scheme and a space', 'Bearer '],
    ['an unknown token', 'Bearer not-a-real-token'],
    ['a prefix of a real token', 'Bearer bob-5e1d8a3'],
    ['a real token with a suffix', `Bearer ${BOB_TOKEN}x`],
    ['a real token in the wrong case', `Bearer ${BOB_TOKEN.toUpperCase()}`],
    ['a real token under the Basic scheme', `Basic ${BOB_TOKEN}`],
    ['a real token with no scheme', BOB_TOKEN],
    ['an extra word after the token', `Bearer ${BOB_TOKEN} extra`],
    ['two tokens, the second valid', `Bearer nope ${BOB_TOKEN}`],
    ['__proto__ as the token', 'Bearer __proto__'],
    ['constructor as the token', 'Bearer constructor'],
    ['a 10,000-character token', `Bearer ${'a'.repeat(10_000)}`],
  ])('answers 401 JSON with WWW-Authenticate: Bearer for %s', async (_what, authorization) => {
    const { send, handler } = setup();
    await expectUnauthorized(await send(authorization));
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives the same answer for a missing header and for a wrong token', async () => {
    const { send } = setup();
    const missing = await send();
    const wrong = await send('Bearer wrong');
    expect(wrong.text).toBe(missing.text);
    expect(wrong.headers.get('www-authenticate')).toBe(missing.headers.get('www-authenticate'));
  });

  it('gives overlapping requests their own user, also when they share one context object', async () => {
    const count = 6;
    const users = Array.from({ length: count }, (_, i) => ({ userId: 201 + i, token: `user-${i}-token` }));
    const byUser = new Map(users.map((u, i) => [u.userId, i]));
    // The handler reads ctx.userId only after the later requests have
    // started, as a handler that awaits a query first would.
    const app = bearerAuth(users.map((u) => ({ userId: u.userId, sha256: sha256(u.token) })))<{ requestId: string }>(async (_request, ctx) => {
      await turns(count - (byUser.get(ctx.userId) ?? 0));
      return Response.json({ userId: ctx.userId });
    });
    await expectOwnResponses({
      count,
      makeCtx: () => ({ requestId: 'req-1' }),
      call: async (i, ctx) => read(await app(request('GET', '/me', { headers: { Authorization: `Bearer ${users[i]!.token}` } }), ctx)),
      check: (i, res) =>
        res.json?.userId === users[i]!.userId
          ? undefined
          : `got user ${res.json?.userId}'s answer, not user ${users[i]!.userId}'s: pass next a new context ({ ...ctx, userId }), never write into the caller's`,
    });
  });

  it('leaves the caller’s context object as it was', async () => {
    const app = bearerAuth(tokens)<{ requestId: string }>(async () => Response.json({}));
    const ctx = { requestId: 'req-1' };
    await app(request('GET', '/me', { headers: { Authorization: `Bearer ${ALICE_TOKEN}` } }), ctx);
    expect(ctx).toEqual({ requestId: 'req-1' });
  });

  it('replaces a userId already in the caller’s context with the token’s user', async () => {
    const seen: number[] = [];
    const app = bearerAuth(tokens)<{ userId: number }>(async (_request, ctx) => {
      seen.push(ctx.userId);
      return Response.json({});
    });
    await app(request('GET', '/me', { headers: { Authorization: `Bearer ${BOB_TOKEN}` } }), { userId: 999 });
    expect(seen).toEqual([BOB]);
  });

  it('leaves Object.prototype untouched', async () => {
    const { send } = setup();
    await send('Bearer __proto__');
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).userId).toBeUndefined();
  });
});
