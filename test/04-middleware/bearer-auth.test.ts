import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerAuth, type AuthContext, type Handler, type TokenRecord } from '@exercise/04-middleware/bearer-auth';
import { read, request } from '../../src/workbook/testing/http.ts';

// The one constant-time comparison a grader can see from outside: Node's
// crypto.timingSafeEqual. Spy on it, whichever way the module is imported.
const spy = vi.hoisted(() => ({ calls: 0 }));
async function withSpy(original: typeof import('node:crypto')) {
  const timingSafeEqual: typeof original.timingSafeEqual = (a, b) => {
    spy.calls++;
    return original.timingSafeEqual(a, b);
  };
  return { ...original, timingSafeEqual, default: { ...original, timingSafeEqual } };
}
vi.mock('node:crypto', async (importOriginal) => withSpy(await importOriginal()));
vi.mock('crypto', async (importOriginal) => withSpy(await importOriginal()));

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

const ALICE_TOKEN = 'alice-0c4f2b6e.9d7a~secret+/x==';
const BOB_TOKEN = 'bob-5e1d8a3f';
const tokens: TokenRecord[] = [
  { userId: 1, sha256: sha256(ALICE_TOKEN) },
  { userId: 2, sha256: sha256(BOB_TOKEN) },
];

interface Ctx extends AuthContext {
  requestId: string;
}

function setup() {
  const seen: Ctx[] = [];
  const handler: Handler<Ctx> = vi.fn(async (_request: Request, ctx: Ctx) => {
    seen.push(ctx);
    return Response.json({ userId: ctx.userId });
  });
  const app = bearerAuth(tokens)<{ requestId: string }>(handler);
  const send = async (authorization?: string) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
    return read(await app(request('GET', '/me', { headers }), { requestId: 'req-1' }));
  };
  return { send, handler, seen };
}

beforeEach(() => {
  spy.calls = 0;
});

describe('bearer-auth', () => {
  it('passes the user id of a valid token to the handler', async () => {
    const { send, seen } = setup();
    const res = await send(`Bearer ${ALICE_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ userId: 1 });
    expect(seen[0]!.userId).toBe(1);
  });

  it('tells users apart: another token, another user id', async () => {
    const { send } = setup();
    expect((await send(`Bearer ${BOB_TOKEN}`)).json).toEqual({ userId: 2 });
  });

  it('keeps the fields the caller’s context already had', async () => {
    const { send, seen } = setup();
    await send(`Bearer ${BOB_TOKEN}`);
    expect(seen[0]!.requestId).toBe('req-1');
  });

  it('accepts the scheme in any letter case (bearer, BEARER)', async () => {
    const { send } = setup();
    expect((await send(`bearer ${BOB_TOKEN}`)).status).toBe(200);
    expect((await send(`BEARER ${BOB_TOKEN}`)).status).toBe(200);
  });

  it('finds the user by the SHA-256 of the token: only digests are stored', async () => {
    const { send } = setup();
    // The digest itself is not a token: sending it must not log anyone in.
    expect((await send(`Bearer ${sha256(BOB_TOKEN)}`)).status).toBe(401);
    expect((await send(`Bearer ${BOB_TOKEN}`)).status).toBe(200);
  });

  it('compares digests with crypto.timingSafeEqual (spied), not with === on strings', async () => {
    const { send } = setup();
    expect((await send(`Bearer ${BOB_TOKEN}`)).status).toBe(200);
    expect(spy.calls).toBeGreaterThan(0);
    spy.calls = 0;
    expect((await send('Bearer bob-5e1d8a3e')).status).toBe(401);
    expect(spy.calls).toBeGreaterThan(0);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['an unknown token', 'Bearer not-a-real-token'],
    ['a token that differs in its last character', 'Bearer bob-5e1d8a3e'],
    ['a prefix of a real token', 'Bearer bob-5e1d8a3'],
    ['a real token with a suffix', `Bearer ${BOB_TOKEN}x`],
    ['a real token in the wrong case', `Bearer ${BOB_TOKEN.toUpperCase()}`],
    ['a real token under the Basic scheme', `Basic ${BOB_TOKEN}`],
    ['a real token under the Token scheme', `Token ${BOB_TOKEN}`],
    ['a real token with no scheme', BOB_TOKEN],
    ['two spaces before the token', `Bearer  ${BOB_TOKEN}`],
    ['an extra word after the token', `Bearer ${BOB_TOKEN} extra`],
    ['two tokens, the second valid', `Bearer nope ${BOB_TOKEN}`],
    ['a quoted token', `Bearer "${BOB_TOKEN}"`],
    ['__proto__ as the token', 'Bearer __proto__'],
    ['constructor as the token', 'Bearer constructor'],
    ['a 10,000-character token', `Bearer ${'a'.repeat(10_000)}`],
  ])('answers 401 JSON with WWW-Authenticate: Bearer for %s', async (_what, authorization) => {
    const { send } = setup();
    const res = await send(authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(res.json).toEqual({ error: 'unauthorized' });
  });

  it('never runs the handler when authentication fails', async () => {
    const { send, handler } = setup();
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${BOB_TOKEN}`, `Bearer ${BOB_TOKEN} x`]) {
      await send(authorization);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives the same answer for a missing header and for a wrong token', async () => {
    const { send } = setup();
    const missing = await send();
    const wrong = await send('Bearer wrong');
    expect(wrong.text).toBe(missing.text);
    expect(wrong.headers.get('www-authenticate')).toBe(missing.headers.get('www-authenticate'));
  });

  it('leaves Object.prototype untouched', async () => {
    const { send } = setup();
    await send('Bearer __proto__');
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).userId).toBeUndefined();
  });
});
