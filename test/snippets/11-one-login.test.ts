/**
 * Chapter 11's TypeScript snippets, exercised on what real Django 5.2 wrote
 * (test/11-one-login/recorded/sessions.json, `npm run record:sessions`):
 * every claim the chapter makes about them is asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#lib/db';
import { parseCookie } from '../../content/11-one-login/snippets/cookies.ts';
import { csrfPasses, mask, unmask } from '../../content/11-one-login/snippets/csrf.ts';
import { djangoSession } from '../../content/11-one-login/snippets/middleware.ts';
import { checkPassword, checkPasswordBlocking } from '../../content/11-one-login/snippets/passwords.ts';
import { decodePayload, hashIsCurrent, loadSession, sessionAuthHash } from '../../content/11-one-login/snippets/signing.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { recording, sessions } from '../fixtures/11-one-login.ts';

const secrets = [recording.secretKey, ...recording.secretKeyFallbacks];
const label = (l: string) => recording.sessions.find((s) => s.label === l)!;
const user = (name: string) => recording.users.find((u) => u.username === name)!;

describe('parseCookie: Django’s parse_cookie', () => {
  it('trims, keeps the last of a repeated name, unquotes, and names a bare value ""', () => {
    const cookies = parseCookie(' theme = dark ;sessionid=first; sessionid="second";loose;a=b=c');
    expect(cookies.get('theme')).toBe('dark');
    expect(cookies.get('sessionid')).toBe('second');
    expect(cookies.get('')).toBe('loose');
    expect(cookies.get('a')).toBe('b=c');
    expect(parseCookie('q="a\\"b\\\\c\\073"').get('q')).toBe('a"b\\c;');
  });
});

describe('loadSession and decodePayload: django.core.signing', () => {
  it('decodes every recorded row to what Django decoded, with the key or the fallback key', () => {
    for (const s of recording.sessions.filter((x) => x.row)) {
      expect(loadSession(s.row!.sessionData, secrets), s.label).toEqual(s.row!.decoded);
    }
  });

  it('refuses the old key’s sessions once the fallback is dropped, and every session under another key', () => {
    const dave = label('dave-old-key').row!.sessionData;
    expect(loadSession(dave, [recording.secretKey])).toBeNull();
    expect(loadSession(label('alice').row!.sessionData, ['another-key'])).toBeNull();
  });

  it('reads both payload forms: plain base64url JSON and "." + zlib', () => {
    const plain = Buffer.from('{"a":1}').toString('base64url');
    expect(decodePayload(plain)).toEqual({ a: 1 });
    const carol = label('carol-compressed').row!;
    const payload = carol.sessionData.slice(0, carol.sessionData.indexOf(':'));
    expect(payload.startsWith('.')).toBe(true);
    expect(decodePayload(payload)).toEqual(carol.decoded);
  });

  it('checks the signature over payload and timestamp: changing the timestamp breaks it', () => {
    const data = label('alice').row!.sessionData;
    const [payload, , sig] = data.split(':');
    expect(loadSession(`${payload}:1:${sig}`, secrets)).toBeNull();
  });
});

describe('sessionAuthHash: the session auth hash', () => {
  it('is the HMAC of the stored password string, so a changed password fails it', () => {
    const alice = label('alice').row!.decoded;
    expect(sessionAuthHash(user('alice').encoded, recording.secretKey)).toBe(alice._auth_user_hash);
    const erin = recording.passwordChanges.find((p) => p.username === 'erin')!;
    const before = String(label('erin-before-password-change').row!.decoded._auth_user_hash);
    expect(hashIsCurrent(before, erin.before, secrets)).toBe(true);
    expect(hashIsCurrent(before, erin.after, secrets)).toBe(false);
  });
});

describe('checkPassword: PBKDF2 off the event loop', () => {
  it('verifies Django’s recorded hashes and refuses a wrong password or an unusable one', async () => {
    expect(await checkPassword(user('carol').password, user('carol').encoded)).toBe(true);
    expect(await checkPassword('wrong', user('carol').encoded)).toBe(false);
    expect(await checkPassword('', '!unusable')).toBe(false);
  });

  it('lets timers run while it works; pbkdf2Sync does not', async () => {
    const { password, encoded } = user('alice');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      expect(checkPasswordBlocking(password, encoded)).toBe(true);
      expect(ticks).toBe(0);
      expect(await checkPassword(password, encoded)).toBe(true);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });
});

describe('CSRF: the masked token', () => {
  it('unmasks every recorded token to the cookie’s secret, and masking inverts it', () => {
    for (const token of recording.csrf.tokens) expect(unmask(token)).toBe(recording.csrf.cookie);
    const m = 'abcdefghijABCDEFGHIJ0123456789zZ';
    expect(unmask(mask(recording.csrf.cookie, m))).toBe(recording.csrf.cookie);
  });

  it('answers every recorded unsafe request as Django did', () => {
    const cookies = new Map([['csrftoken', recording.csrf.cookie]]);
    for (const r of recording.csrf.unsafeRequests) {
      const headers: Record<string, string> = r.header === null ? {} : { 'X-CSRFToken': r.header };
      expect(csrfPasses(request('POST', '/', { headers }), cookies), r.label).toBe(r.status === 200);
    }
    expect(csrfPasses(request('GET', '/'), new Map())).toBe(true);
  });
});

describe('djangoSession: the wiring, on real Postgres (PGlite) with Django’s rows', () => {
  let handle: EngineHandle;
  beforeAll(async () => {
    handle = await startEngine('pglite', sessions);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('answers each recorded cookie as Django did', async () => {
    const app = djangoSession({ db: handle.pool as Db, secretKey: recording.secretKey, secretKeyFallbacks: recording.secretKeyFallbacks })(
      async (_r, ctx) => Response.json({ id: ctx.user.id, username: ctx.user.username }),
    );
    for (const s of recording.sessions) {
      const res = await read(await app(request('GET', '/api/me/', { headers: { Cookie: `sessionid=${s.sessionKey}` } }), {}));
      expect([res.status, res.json], s.label).toEqual([s.django.status, s.django.status === 200 ? s.django.body : { error: 'not_authenticated' }]);
    }
    const post = await app(request('POST', '/api/me/', { headers: { Cookie: `sessionid=${label('alice').sessionKey}` } }), {});
    expect(post.status).toBe(403);
  });
});
