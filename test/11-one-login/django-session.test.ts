import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkPassword, djangoSession, type Handler, type SessionContext } from '@exercise/11-one-login/django-session';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { expectOwnResponses, turns } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, showInput } from '../../src/workbook/testing/properties.ts';
import { expectResponse, type ReadResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { recording, SECRET_KEY, SECRET_KEY_FALLBACKS, sessions, USER_IDS, type RecordedSession } from '../fixtures/11-one-login.ts';

// Every constant-time comparison goes through node:crypto's timingSafeEqual:
// spy on it, whichever way the module is imported, and keep copies of what
// it was given.
const spy = vi.hoisted(() => ({ calls: [] as [Buffer, Buffer][] }));
async function withSpy(original: typeof import('node:crypto')) {
  const timingSafeEqual: typeof original.timingSafeEqual = (a, b) => {
    const copy = (x: NodeJS.ArrayBufferView) => Buffer.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    spy.calls.push([copy(a), copy(b)]);
    return original.timingSafeEqual(a, b);
  };
  return { ...original, timingSafeEqual, default: { ...original, timingSafeEqual } };
}
vi.mock('node:crypto', async (importOriginal) => withSpy(await importOriginal()));
vi.mock('crypto', async (importOriginal) => withSpy(await importOriginal()));

/** Whether timingSafeEqual was given `value` (as text, or as the bytes `bytes`) on either side. */
const compared = (value: string, bytes?: Buffer) =>
  spy.calls.some(([a, b]) => [a, b].some((x) => x.equals(Buffer.from(value, 'latin1')) || (bytes !== undefined && x.equals(bytes))));

const db = useDatabase('django-session', sessions);

// Generated inputs, real PBKDF2 and a database reset per test: on a loaded
// machine some tests take seconds. A slow machine must not fail a correct answer.
vi.setConfig({ testTimeout: 60_000 });

// ---------------------------------------------------------------- the oracle: Django's formats, written plainly

const SESSION_SALT = 'django.contrib.sessions.SessionStore';
const HASH_SALT = 'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash';
const MODEL_BACKEND = 'django.contrib.auth.backends.ModelBackend';
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CSRF_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const b62 = (n: number) => {
  let s = '';
  do {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s;
};
const signature = (value: string, secret: string) =>
  createHmac('sha256', createHash('sha256').update(`${SESSION_SALT}signer${secret}`).digest()).update(value).digest('base64url');
/** django.core.signing.dumps(obj, salt=SESSION_SALT, compress=…) with a given timestamp. */
function signSession(obj: unknown, secret = SECRET_KEY, options: { compress?: boolean; timestamp?: number; rawPayload?: Buffer } = {}) {
  const json = options.rawPayload ?? Buffer.from(JSON.stringify(obj), 'latin1');
  const payload = options.compress ? `.${deflateSync(json).toString('base64url')}` : json.toString('base64url');
  const value = `${payload}:${b62(options.timestamp ?? 1_764_579_600)}`;
  return `${value}:${signature(value, secret)}`;
}
const authHash = (password: string, secret = SECRET_KEY) =>
  createHmac('sha256', createHash('sha256').update(HASH_SALT + secret).digest()).update(password).digest('hex');
const maskSecret = (secret: string, mask: string) =>
  mask + [...secret].map((c, i) => CSRF_CHARS[(CSRF_CHARS.indexOf(c) + CSRF_CHARS.indexOf(mask[i]!)) % 62]).join('');

const userOf = (name: string) => recording.users.find((u) => u.username === name)!;
const live = (label: string) => recording.sessions.find((s) => s.label === label)!;
const ALICE = live('alice');
const BOB = live('bob');
const DAVE = live('dave-old-key');
const CAROL = live('carol-compressed');
const ALICE_ID = USER_IDS.alice!;
const BOB_ID = USER_IDS.bob!;

/** A session dict as Django's login() writes it, for `name`'s current password. */
const loginDict = (name: string, secret = SECRET_KEY) => ({
  _auth_user_id: String(USER_IDS[name]),
  _auth_user_backend: MODEL_BACKEND,
  _auth_user_hash: authHash(userOf(name).encoded, secret),
});

// ---------------------------------------------------------------- calling the middleware

interface Ctx extends SessionContext {
  requestId: string;
}

interface Options {
  secretKey?: string;
  secretKeyFallbacks?: readonly string[] | undefined;
}

function setup(options: Options = {}) {
  const seen: Ctx[] = [];
  const handler: Handler<Ctx> = vi.fn(async (_request: Request, ctx: Ctx) => {
    seen.push(ctx);
    return Response.json({ id: ctx.user.id, username: ctx.user.username });
  });
  const fallbacks = 'secretKeyFallbacks' in options ? options.secretKeyFallbacks : SECRET_KEY_FALLBACKS;
  const app = djangoSession({
    db: db.pool,
    secretKey: options.secretKey ?? SECRET_KEY,
    ...(fallbacks === undefined ? {} : { secretKeyFallbacks: fallbacks }),
  })<{ requestId: string }>(handler);
  const send = async (cookie: string | undefined, method = 'GET', headers: Record<string, string> = {}) => {
    const all = cookie === undefined ? headers : { ...headers, Cookie: cookie };
    return read(await app(request(method, '/api/me/', { headers: all }), { requestId: 'req-11' }));
  };
  return { send, handler, seen, app };
}

const NOT_AUTHENTICATED = { error: 'not_authenticated' };
const CSRF_FAILED = { error: 'csrf_failed' };

/** Nothing secret in a response: not the key, not the cookie, not the row. */
function expectNoLeak(res: ReadResponse, secrets: readonly string[]) {
  const everything = [res.text, ...[...res.headers].map(([k, v]) => `${k}: ${v}`)].join('\n');
  for (const secret of secrets) {
    expect(everything.includes(secret), `the response contains ${secret.slice(0, 12)}…, which came from the cookie, the session or the secret key`).toBe(false);
  }
  expect(res.headers.get('set-cookie'), 'the middleware sets no cookie').toBeNull();
}

async function expectRefused(res: ReadResponse, status: 401 | 403 = 401) {
  await expectResponse(res, { status, json: { equals: status === 401 ? NOT_AUTHENTICATED : CSRF_FAILED } });
  expectNoLeak(res, [SECRET_KEY, ...SECRET_KEY_FALLBACKS, ...recording.sessions.map((s) => s.sessionKey)]);
}

async function setSessionData(key: string, data: string) {
  await db.direct.query('UPDATE django_session SET session_data = $2 WHERE session_key = $1', [key, data]);
}
async function insertSession(key: string, data: string, expires = "now() + interval '1 day'") {
  await db.direct.query(`INSERT INTO django_session (session_key, session_data, expire_date) VALUES ($1, $2, ${expires})`, [key, data]);
}

beforeEach(() => {
  spy.calls.length = 0;
});

// ---------------------------------------------------------------- the recording, replayed

describe('django-session', () => {
  eachTimeZone(
    'django-session',
    () => {
      it('answers every recorded cookie as Django 5.2 did: the same user, or a JSON 401', async () => {
        const { send } = setup();
        const failures: string[] = [];
        for (const s of recording.sessions) {
          const res = await send(`sessionid=${s.sessionKey}`);
          const wanted = s.django.status === 200 ? s.django.body : NOT_AUTHENTICATED;
          if (res.status !== s.django.status || JSON.stringify(res.json) !== JSON.stringify(wanted)) {
            failures.push(`${s.label} (${s.note}): Django answered ${s.django.status} ${JSON.stringify(wanted)}, yours ${res.status} ${res.text.slice(0, 80)}`);
          }
        }
        expect(failures, `recorded sessions answered differently:\n${failures.join('\n')}`).toEqual([]);
      });

      it('refuses a session whose expire_date has passed in the database’s clock, and accepts one that expires in a minute', async () => {
        const { send, handler } = setup();
        await db.direct.query("UPDATE django_session SET expire_date = now() - interval '2 seconds' WHERE session_key = $1", [ALICE.sessionKey]);
        await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
        await db.direct.query("UPDATE django_session SET expire_date = now() + interval '1 minute' WHERE session_key = $1", [BOB.sessionKey]);
        expect((await send(`sessionid=${BOB.sessionKey}`)).json).toEqual({ id: BOB_ID, username: 'bob' });
        expect(handler).toHaveBeenCalledTimes(1);
      });

    },
    { db },
  );

  // ---------------------------------------------------------------- the context

  it('passes the session’s user to the handler and keeps the caller’s other context fields', async () => {
    const { send, seen } = setup();
    const res = await send(`sessionid=${ALICE.sessionKey}`);
    await expectResponse(res, { status: 200, json: { equals: { id: ALICE_ID, username: 'alice' } } });
    expect(seen[0]).toEqual({ requestId: 'req-11', user: { id: ALICE_ID, username: 'alice' } });
  });

  it('leaves the caller’s context object as it was, and replaces a user already in it', async () => {
    const seen: number[] = [];
    const app = djangoSession({ db: db.pool, secretKey: SECRET_KEY })<{ user: { id: number; username: string } }>(async (_r, ctx) => {
      seen.push(ctx.user.id);
      return Response.json({});
    });
    const ctx = { user: { id: 999, username: 'mallory' } };
    await app(request('GET', '/', { headers: { Cookie: `sessionid=${BOB.sessionKey}` } }), ctx);
    expect(seen).toEqual([BOB_ID]);
    expect(ctx).toEqual({ user: { id: 999, username: 'mallory' } });
  });

  it('gives overlapping requests their own user, also when they share one context object', async () => {
    const order = ['alice', 'bob', 'carol-compressed', 'erin-after-password-change', 'frank-after-rehash', 'dave-old-key'].map(live);
    const ids = order.map((s) => USER_IDS[s.username]!);
    const app = djangoSession({ db: db.pool, secretKey: SECRET_KEY, secretKeyFallbacks: SECRET_KEY_FALLBACKS })<{ requestId: string }>(
      async (_r, ctx) => {
        await turns(order.length - ids.indexOf(ctx.user.id));
        return Response.json({ id: ctx.user.id });
      },
    );
    await expectOwnResponses({
      count: order.length,
      makeCtx: () => ({ requestId: 'req-11' }),
      call: async (i, ctx) => read(await app(request('GET', '/api/me/', { headers: { Cookie: `sessionid=${order[i]!.sessionKey}` } }), ctx)),
      check: (i, res) => (res.json?.id === ids[i] ? undefined : `got ${JSON.stringify(res.json)}, not user ${ids[i]}: pass next a new context ({ ...ctx, user })`),
    });
  });

  // ---------------------------------------------------------------- refusals

  it.each([
    ['no Cookie header', undefined],
    ['no sessionid cookie', 'csrftoken=abc; theme=dark'],
    ['an empty sessionid', 'sessionid='],
    ['an unknown session key', 'sessionid=0000000000aaaaaaaaaabbbbbbbbbbcc'],
    ['a prefix of a real key', `sessionid=${ALICE.sessionKey.slice(0, 31)}`],
    ['a real key in upper case', `sessionid=${ALICE.sessionKey.toUpperCase()}`],
    ['the session data instead of the key', `sessionid=${ALICE.row!.sessionData}`],
    ['a SQL fragment', "sessionid=' OR '1'='1"],
    ['a deleted session (logged out)', `sessionid=${live('bob-logged-out').sessionKey}`],
    ['a real key under another cookie name', `session=${ALICE.sessionKey}`],
  ])('answers 401 JSON, without calling the handler, for %s', async (_what, cookie) => {
    const { send, handler } = setup();
    await expectRefused(await send(cookie));
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a session after its row is deleted', async () => {
    const { send } = setup();
    expect((await send(`sessionid=${ALICE.sessionKey}`)).status).toBe(200);
    await db.direct.query('DELETE FROM django_session WHERE session_key = $1', [ALICE.sessionKey]);
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
  });

  it('logs a user out everywhere when the password changes (another hash in auth_user), from the next request on', async () => {
    const { send } = setup();
    expect((await send(`sessionid=${ALICE.sessionKey}`)).status).toBe(200);
    expect((await send(`sessionid=${BOB.sessionKey}`)).status).toBe(200);
    const erin = recording.passwordChanges.find((p) => p.username === 'erin')!;
    await db.direct.query('UPDATE auth_user SET password = $2 WHERE id = $1', [ALICE_ID, erin.after]);
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
    // A password that is only re-hashed (more iterations) is a new string too.
    const frank = recording.passwordChanges.find((p) => p.username === 'frank')!;
    await db.direct.query('UPDATE auth_user SET password = $2 WHERE id = $1', [BOB_ID, frank.before]);
    await expectRefused(await send(`sessionid=${BOB.sessionKey}`));
  });

  it('refuses the sessions of a deactivated and of a deleted user, from the next request on', async () => {
    const { send } = setup();
    expect((await send(`sessionid=${ALICE.sessionKey}`)).status).toBe(200);
    expect((await send(`sessionid=${BOB.sessionKey}`)).status).toBe(200);
    await db.direct.query('UPDATE auth_user SET is_active = false WHERE id = $1', [ALICE_ID]);
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
    await db.direct.query('DELETE FROM auth_user WHERE id = $1', [BOB_ID]);
    await expectRefused(await send(`sessionid=${BOB.sessionKey}`));
  });

  it('accepts a session signed with a key in secretKeyFallbacks, and only while that key is listed', async () => {
    expect((await setup().send(`sessionid=${DAVE.sessionKey}`)).json).toEqual({ id: USER_IDS.dave, username: 'dave' });
    await expectRefused(await setup({ secretKeyFallbacks: [] }).send(`sessionid=${DAVE.sessionKey}`));
    await expectRefused(await setup({ secretKeyFallbacks: undefined }).send(`sessionid=${DAVE.sessionKey}`));
    // The fallback key signs, the current key hashes (and the other way round): both are Django's keys.
    const mixed = signSession(loginDict('alice', SECRET_KEY), SECRET_KEY_FALLBACKS[0]!);
    await setSessionData(ALICE.sessionKey, mixed);
    expect((await setup().send(`sessionid=${ALICE.sessionKey}`)).status).toBe(200);
  });

  it('refuses every session when the service has another secret key, and a session signed and hashed under a key it does not know', async () => {
    const other = setup({ secretKey: 'another-project-key-0123456789abcdef', secretKeyFallbacks: [] });
    for (const s of [ALICE, BOB, CAROL, DAVE]) await expectRefused(await other.send(`sessionid=${s.sessionKey}`));
    // A session Django would sign for another project, with a hash under that key.
    await setSessionData(ALICE.sessionKey, signSession(loginDict('alice', 'another-project-key'), 'another-project-key'));
    await expectRefused(await setup().send(`sessionid=${ALICE.sessionKey}`));
  });

  it('accepts an uncompressed payload and a compressed one, as Django writes either', async () => {
    const { send } = setup();
    await setSessionData(ALICE.sessionKey, signSession(loginDict('alice')));
    expect((await send(`sessionid=${ALICE.sessionKey}`)).json).toEqual({ id: ALICE_ID, username: 'alice' });
    await setSessionData(BOB.sessionKey, signSession({ ...loginDict('bob'), cart: 'x'.repeat(500) }, SECRET_KEY, { compress: true }));
    expect((await send(`sessionid=${BOB.sessionKey}`)).json).toEqual({ id: BOB_ID, username: 'bob' });
  });

  it.each([
    ['_auth_user_id of another user, with this user’s hash', () => ({ ...loginDict('alice'), _auth_user_id: String(BOB_ID) })],
    ['_auth_user_hash of another user', () => ({ ...loginDict('alice'), _auth_user_hash: authHash(userOf('bob').encoded) })],
    ['no _auth_user_hash', () => ({ _auth_user_id: String(ALICE_ID), _auth_user_backend: MODEL_BACKEND })],
    ['an empty _auth_user_hash', () => ({ ...loginDict('alice'), _auth_user_hash: '' })],
    ['the hash in upper case', () => ({ ...loginDict('alice'), _auth_user_hash: authHash(userOf('alice').encoded).toUpperCase() })],
    ['the hash one character short', () => ({ ...loginDict('alice'), _auth_user_hash: authHash(userOf('alice').encoded).slice(1) })],
    ['the hash of the password itself, not of its stored form', () => ({ ...loginDict('alice'), _auth_user_hash: authHash(userOf('alice').password) })],
    ['another backend', () => ({ ...loginDict('alice'), _auth_user_backend: 'myapp.backends.EmailBackend' })],
    ['no backend', () => ({ _auth_user_id: String(ALICE_ID), _auth_user_hash: authHash(userOf('alice').encoded) })],
    ['no user id', () => ({ _auth_user_backend: MODEL_BACKEND, _auth_user_hash: authHash(userOf('alice').encoded) })],
    ['a user id that is no one', () => ({ ...loginDict('alice'), _auth_user_id: '4242' })],
    ['a user id that is not a number', () => ({ ...loginDict('alice'), _auth_user_id: '1 OR 1=1' })],
    ['a user id past int4', () => ({ ...loginDict('alice'), _auth_user_id: '99999999999' })],
    // Django reads the id with int(): these raise there (no login), and Number() would read them as alice's id.
    ['a user id written with a decimal point', () => ({ ...loginDict('alice'), _auth_user_id: `${ALICE_ID}.0` })],
    ['a user id written with an exponent', () => ({ ...loginDict('alice'), _auth_user_id: `${ALICE_ID}e0` })],
    ['a user id written in octal (0o)', () => ({ ...loginDict('alice'), _auth_user_id: `0o${ALICE_ID.toString(8)}` })],
    ['a user id written in binary (0b)', () => ({ ...loginDict('alice'), _auth_user_id: `0b${ALICE_ID.toString(2)}` })],
    ['a user id written in hex (0x)', () => ({ ...loginDict('alice'), _auth_user_id: `0x${ALICE_ID.toString(16)}` })],
    ['a user id in a JSON array', () => ({ ...loginDict('alice'), _auth_user_id: [ALICE_ID] })],
    ['a JSON number', () => ALICE_ID],
    ['a JSON string', () => String(ALICE_ID)],
    ['an anonymous session (no login keys)', () => ({ cart: [1, 2, 3] })],
    ['a JSON array', () => [ALICE_ID]],
    ['JSON null', () => null],
  ])('answers 401, without crashing, for a correctly signed session with %s', async (_what, dict) => {
    const { send, handler } = setup();
    await setSessionData(ALICE.sessionKey, signSession(dict()));
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts a user id of several digits, as Django writes str(user.pk)', async () => {
    const { send } = setup();
    const id = 1_234_567 + ALICE_ID;
    await db.direct.query('UPDATE auth_user SET id = $2 WHERE id = $1', [ALICE_ID, id]);
    await setSessionData(ALICE.sessionKey, signSession({ ...loginDict('alice'), _auth_user_id: String(id) }));
    expect((await send(`sessionid=${ALICE.sessionKey}`)).json).toEqual({ id, username: 'alice' });
  });

  it.each([
    ['payload that is not JSON', () => signSession(null, SECRET_KEY, { rawPayload: Buffer.from('{"_auth_user_id": ') })],
    ['"." payload that is not zlib', () => {
      const value = `.${Buffer.from('not zlib at all').toString('base64url')}:${b62(1_764_579_600)}`;
      return `${value}:${signature(value, SECRET_KEY)}`;
    }],
    ['no timestamp part', () => {
      const value = Buffer.from(JSON.stringify(loginDict('alice'))).toString('base64url');
      return `${value}:${signature(value, SECRET_KEY)}`;
    }],
    ['no colon at all', () => 'eyJhIjoxfQ'],
    ['an empty string', () => ''],
  ])('answers 401, without crashing, for session data with a %s', async (_what, data) => {
    const { send } = setup();
    await setSessionData(ALICE.sessionKey, data());
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
  });

  it('refuses session data with any character changed, added or removed: payload, timestamp or signature (generated)', async () => {
    const { send } = setup();
    const original = CAROL.row!.sessionData;
    const [payloadEnd, timestampEnd] = [original.indexOf(':'), original.lastIndexOf(':')];
    const part = (i: number) => (i < payloadEnd ? 'payload' : i < timestampEnd ? 'timestamp' : 'signature');
    const edits = fc.oneof(
      fc.record({
        at: fc.nat({ max: original.length - 1 }),
        char: fc.oneof(fc.constantFrom(...'AaBbQwgh0189-_.:=+/'), fc.constantFrom('é', 'ÿ', '€', '😀', ' ')),
        kind: fc.constantFrom('replace', 'insert', 'delete'),
      }),
      // The timestamp replaced by another base62 number.
      fc.record({ at: fc.constant(-1), char: fc.string({ unit: fc.constantFrom(...B62), minLength: 1, maxLength: 8 }), kind: fc.constant('timestamp') }),
    );
    await checkProperty(
      'a tampered session_data',
      edits,
      async ({ at, char, kind }) => {
        const changed =
          kind === 'timestamp'
            ? original.slice(0, payloadEnd + 1) + char + original.slice(timestampEnd)
            : kind === 'insert'
              ? original.slice(0, at) + char + original.slice(at)
              : kind === 'delete'
                ? original.slice(0, at) + original.slice(at + 1)
                : original.slice(0, at) + char + original.slice(at + 1);
        if (changed === original) return;
        await setSessionData(CAROL.sessionKey, changed);
        const res = await send(`sessionid=${CAROL.sessionKey}`);
        if (res.status !== 401) return `(a ${kind} in the ${kind === 'timestamp' ? 'timestamp' : part(at)}) was answered ${res.status}: the signature covers every character`;
        if (JSON.stringify(res.json) !== JSON.stringify(NOT_AUTHENTICATED)) return `was answered ${res.text}`;
      },
      { numRuns: 150, show: ({ at, char, kind }) => `${kind} ${showInput(char)} at ${at}` },
    );
  });

  // ---------------------------------------------------------------- the Cookie header

  it('reads the Cookie header as Django’s parse_cookie does: spaces, other cookies, repeats (the last wins), quotes (generated)', async () => {
    const { send } = setup();
    const keys = [ALICE.sessionKey, BOB.sessionKey, '0000000000aaaaaaaaaabbbbbbbbbbcc', ''];
    const space = fc.constantFrom('', ' ', '  ', '\t');
    const value = fc.oneof(
      fc.constantFrom(...keys),
      fc.constantFrom(...keys).map((k) => `"${k}"`),
      fc.constantFrom(...keys).map((k) => `${k}x`),
      fc.constantFrom('=', 'a=b', '"', 'é', 'ÿ'),
    );
    const name = fc.constantFrom('sessionid', 'sessionid', 'sessionid', 'csrftoken', 'theme', 'SESSIONID', 'session', ' sessionid', 'sessionid ');
    const cookie = fc.array(fc.tuple(space, name, space, fc.constantFrom('=', '= ', ' ='), space, value, space), { minLength: 0, maxLength: 5 });
    /** django.http.cookie.parse_cookie, for these inputs. */
    const djangoSessionId = (header: string) => {
      let found: string | undefined;
      for (const chunk of header.split(';')) {
        const eq = chunk.indexOf('=');
        const [k, v] = eq === -1 ? ['', chunk] : [chunk.slice(0, eq), chunk.slice(eq + 1)];
        let val = v.trim();
        if (val.length >= 2 && val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1);
        if (k.trim() === 'sessionid') found = val;
      }
      return found;
    };
    await checkProperty(
      'the sessionid cookie',
      cookie,
      async (parts) => {
        const header = parts.map((p) => p.join('')).join(';');
        const sent = new Headers({ Cookie: header }).get('cookie') ?? '';
        const key = djangoSessionId(sent);
        const expected = key === ALICE.sessionKey ? ALICE_ID : key === BOB.sessionKey ? BOB_ID : null;
        const res = await send(header);
        if (expected === null) {
          if (res.status !== 401) return `was answered ${res.status}; Django reads sessionid=${showInput(key ?? '(none)')} from it`;
          return;
        }
        if (res.status !== 200 || res.json?.id !== expected) return `was answered ${res.status} ${res.text}; Django reads user ${expected}'s session key from it`;
      },
      { numRuns: 250, show: (parts) => `Cookie: ${showInput(parts.map((p) => p.join('')).join(';'))}` },
    );
  });

  it('unquotes a quoted value with its \\" \\\\ and \\ooo escapes, leaves half-quoted values alone, and skips parts without "=" (generated)', async () => {
    const { send } = setup();
    const recorded = recording.sessions.map((s) => s.sessionKey);
    const clear = () => db.direct.query('DELETE FROM django_session WHERE NOT (session_key = ANY($1))', [recorded]);
    /** Python's http.cookies._unquote. */
    const unquoteOracle = (v: string) =>
      v.length < 2 || v[0] !== '"' || v.at(-1) !== '"'
        ? v
        : v.slice(1, -1).replace(/\\(?:([0-3][0-7][0-7])|(.))/g, (_m, o: string | undefined, c: string | undefined) => (o ? String.fromCharCode(parseInt(o, 8)) : c!));
    /** django.http.cookie.parse_cookie, whole. */
    const parseOracle = (header: string) => {
      const dict = new Map<string, string>();
      for (const chunk of header.split(';')) {
        const eq = chunk.indexOf('=');
        const [k, v] = eq === -1 ? ['', chunk] : [chunk.slice(0, eq), chunk.slice(eq + 1)];
        if (k.trim() || v.trim()) dict.set(k.trim(), unquoteOracle(v.trim()));
      }
      return dict;
    };

    // "" is an empty value, not the two-character key "".
    await insertSession('""', BOB.row!.sessionData);
    await expectRefused(await send('sessionid=""'));
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}; sessionid=""`));
    await clear();

    const piece = fc.constantFrom(
      'a', 'Z', '0', '7', '-', '\\"', '\\\\', '\\101', '\\132', '\\060', '\\177', '\\044', '\\1', '\\4', '\\8', '\\18', '\\108', '\\180', '\\400', '\\1017', '\\x', '\\a', '\\=',
    );
    const core = fc.tuple(fc.string({ unit: fc.constantFrom(...'abcdefgh0123456789'), minLength: 5, maxLength: 5 }), fc.array(piece, { minLength: 3, maxLength: 8 }));
    const quoting = fc.constantFrom('both', 'both', 'start', 'end', 'none');
    const extra = fc.constantFrom('sessionid', 'sessionidx', 'sessionid"', ' sessionids ', 'x', 'theme=dark', '', ' ', 'a=sessionid', '"q"', 'csrftoken');
    await checkProperty(
      'a quoted sessionid',
      fc.record({ core, quoting, before: fc.array(extra, { maxLength: 2 }), after: fc.array(extra, { maxLength: 3 }) }),
      async ({ core: [head, pieces], quoting: q, before, after }) => {
        const inner = head + pieces.join('');
        const raw = q === 'both' ? `"${inner}"` : q === 'start' ? `"${inner}` : q === 'end' ? `${inner}"` : inner;
        const header = [...before, `sessionid=${raw}`, ...after].join(';');
        const unquoted = unquoteOracle(raw);
        await clear();
        // The key Django reads is alice's session; the text as sent (when different) is bob's.
        await insertSession(unquoted, ALICE.row!.sessionData);
        if (raw !== unquoted) await insertSession(raw, BOB.row!.sessionData);
        const key = parseOracle(new Headers({ Cookie: header }).get('cookie') ?? '').get('sessionid');
        const expected = key === unquoted ? ALICE_ID : null;
        const res = await send(header);
        if (expected === null) {
          if (res.status !== 401) return `was answered ${res.status} ${res.text}; Django reads sessionid=${showInput(key ?? '(none)')}`;
          return;
        }
        if (res.status !== 200 || res.json?.id !== expected) return `was answered ${res.status} ${res.text}; Django reads the key ${showInput(unquoted)} from it`;
      },
      { numRuns: 150, show: ({ core: [head, pieces], quoting: q, before, after }) => `${q} ${showInput([...before, `sessionid=${head}${pieces.join('')}`, ...after].join(';'))}` },
    );
    await clear();
  });

  // ---------------------------------------------------------------- CSRF

  describe('CSRF', () => {
    const secret = recording.csrf.cookie;
    const withCsrf = (cookie = secret) => `sessionid=${ALICE.sessionKey}; csrftoken=${cookie}`;

    it('answers every recorded unsafe request as Django did (masked tokens, the bare secret, missing and wrong tokens)', async () => {
      const { send } = setup();
      for (const r of recording.csrf.unsafeRequests) {
        const res = await send(withCsrf(), 'POST', r.header === null ? {} : { 'X-CSRFToken': r.header });
        expect(res.status, `${r.label}: Django answered ${r.status}`).toBe(r.status);
        if (r.status === 403) await expectRefused(res, 403);
        else expect(res.json).toEqual({ id: ALICE_ID, username: 'alice' });
      }
    });

    it.each(['PUT', 'PATCH', 'DELETE', 'PURGE', 'patch'])('requires the token for %s as for POST', async (method) => {
      const { send, handler } = setup();
      await expectRefused(await send(withCsrf(), method), 403);
      expect(handler).not.toHaveBeenCalled();
      expect((await send(withCsrf(), method, { 'X-CSRFToken': recording.csrf.tokens[0]! })).status).toBe(200);
    });

    it.each(['GET', 'HEAD', 'OPTIONS'])('does not ask for a token on %s', async (method) => {
      const { send } = setup();
      expect((await send(`sessionid=${ALICE.sessionKey}`, method)).status).toBe(200);
    });

    it('checks CSRF before the session, as CsrfViewMiddleware runs before any view: 403 even without a session', async () => {
      const { send, handler } = setup();
      await expectRefused(await send(`csrftoken=${secret}`, 'POST'), 403);
      await expectRefused(await send(undefined, 'POST', { 'X-CSRFToken': recording.csrf.tokens[0]! }), 403);
      // With a valid token but no session: the 401.
      await expectRefused(await send(`csrftoken=${secret}`, 'POST', { 'X-CSRFToken': recording.csrf.tokens[0]! }), 401);
      expect(handler).not.toHaveBeenCalled();
    });

    it.each([
      ['no csrftoken cookie', `sessionid=${ALICE.sessionKey}`],
      ['an empty csrftoken cookie', `sessionid=${ALICE.sessionKey}; csrftoken=`],
      ['a cookie one character short', withCsrf(secret.slice(1))],
      ['a cookie with a character outside a-zA-Z0-9', withCsrf(`${secret.slice(1)}_`)],
      ['another secret in the cookie', withCsrf('A'.repeat(32))],
    ])('answers 403 for %s, even with a recorded token', async (_what, cookie) => {
      const { send } = setup();
      await expectRefused(await send(cookie, 'POST', { 'X-CSRFToken': recording.csrf.tokens[0]! }), 403);
    });

    it.each([
      ['an underscore', '_'],
      ['a hyphen', '-'],
      ['a non-ASCII letter', 'é'],
    ])('answers 403 when cookie and token agree but hold %s, outside Django’s a-z A-Z 0-9', async (_what, char) => {
      const { send } = setup();
      const odd = `${secret.slice(0, 31)}${char}`;
      await expectRefused(await send(withCsrf(odd), 'POST', { 'X-CSRFToken': odd }), 403);
      // The same secret, masked: the cipher carries the odd character's index (-1) around.
      await expectRefused(await send(withCsrf(odd), 'POST', { 'X-CSRFToken': `${'a'.repeat(32)}${odd}` }), 403);
      await expectRefused(await send(withCsrf(`${'a'.repeat(32)}${odd}`), 'POST', { 'X-CSRFToken': odd }), 403);
    });

    it.each([
      ['a character before the secret', `_${secret}`],
      ['a character after the secret', `${secret}-`],
      ['a character before a masked token', `-${maskSecret(secret, 'Zz09'.repeat(8))}`],
      ['a character after a masked token', `${maskSecret(secret, 'Zz09'.repeat(8))}_`],
    ])('answers 403 when cookie and token agree but hold %s: Django wants exactly 32 or 64 of a-z A-Z 0-9', async (_what, odd) => {
      const { send, handler } = setup();
      await expectRefused(await send(withCsrf(odd), 'POST', { 'X-CSRFToken': odd }), 403);
      expect(handler).not.toHaveBeenCalled();
    });

    it('answers 403 for a malformed csrftoken cookie whatever the token, the one its characters would unmask to included (generated)', async () => {
      const { send } = setup();
      const chars = fc.constantFrom(...CSRF_CHARS);
      /** The spec's unmasking applied to any text, characters outside CHARS counting as index -1. */
      const carelessUnmask = (t: string) =>
        Array.from({ length: 32 }, (_, i) => CSRF_CHARS[(CSRF_CHARS.indexOf(t[32 + i] ?? '') - CSRF_CHARS.indexOf(t[i] ?? '') + 62 * 2) % 62]).join('');
      const malformed = fc
        .tuple(fc.string({ unit: chars, minLength: 32, maxLength: 32 }), fc.constantFrom('_', '-', '.', '~'), fc.nat({ max: 64 }), fc.constantFrom('replace', 'insert', 'short'))
        .map(([m, c, at, how]) => {
          const t = maskSecret(secret, m);
          return how === 'replace' ? t.slice(0, at) + c + t.slice(at + 1) : how === 'insert' ? t.slice(0, at) + c + t.slice(at) : t.slice(0, Math.max(1, at % 64));
        })
        .filter((c) => !/^(?:[a-zA-Z0-9]{32}|[a-zA-Z0-9]{64})$/.test(c));
      await checkProperty(
        'a malformed csrftoken cookie',
        malformed,
        async (cookie) => {
          for (const header of [carelessUnmask(cookie), recording.csrf.tokens[0]!, secret]) {
            const res = await send(withCsrf(cookie), 'POST', { 'X-CSRFToken': header });
            if (res.status !== 403) return `was answered ${res.status} with X-CSRFToken: ${header}`;
          }
        },
        { numRuns: 60, show: (cookie) => `csrftoken=${showInput(cookie)}` },
      );
    });

    it('accepts a 64-character masked cookie, as Django before 4.0 wrote it', async () => {
      const { send } = setup();
      const legacy = maskSecret(secret, 'Zz09'.repeat(8));
      expect((await send(withCsrf(legacy), 'POST', { 'X-CSRFToken': recording.csrf.tokens[1]! })).status).toBe(200);
      expect((await send(withCsrf(legacy), 'POST', { 'X-CSRFToken': secret })).status).toBe(200);
      await expectRefused(await send(withCsrf(maskSecret('B'.repeat(32), 'Zz09'.repeat(8))), 'POST', { 'X-CSRFToken': secret }), 403);
    });

    it('accepts a token for the cookie’s secret under any mask, and refuses every other token (generated)', async () => {
      const { send } = setup();
      const chars = fc.constantFrom(...CSRF_CHARS);
      const mask = fc.string({ unit: chars, minLength: 32, maxLength: 32 });
      const token = fc.oneof(
        mask.map((m) => ({ header: maskSecret(secret, m), ok: true })),
        fc.tuple(mask, fc.nat({ max: 63 }), chars).map(([m, at, c]) => {
          const t = maskSecret(secret, m);
          const header = t.slice(0, at) + c + t.slice(at + 1);
          // Changing the mask or the cipher changes the secret it stands for, unless nothing changed.
          return { header, ok: header === t };
        }),
        fc.tuple(mask, fc.string({ unit: chars, minLength: 32, maxLength: 32 })).map(([m, other]) => ({ header: maskSecret(other, m), ok: other === secret })),
        fc.string({ unit: fc.oneof(chars, fc.constantFrom('-', '_', '=', 'é', ' ')), minLength: 0, maxLength: 70 }).map((header) => ({ header, ok: false })),
      );
      /** Django's _check_token_format and _does_token_match, on what the server receives. */
      const djangoAccepts = (sent: string) =>
        /^(?:[a-zA-Z0-9]{32}|[a-zA-Z0-9]{64})$/.test(sent) && (sent.length === 32 ? sent : unmaskOracle(sent)) === secret;
      await checkProperty(
        'the X-CSRFToken header',
        token,
        async ({ header, ok }) => {
          const sent = new Headers({ 'X-CSRFToken': header }).get('x-csrftoken')!;
          const res = await send(withCsrf(), 'POST', { 'X-CSRFToken': header });
          const expected = djangoAccepts(sent) ? 200 : 403;
          if (ok && expected !== 200) throw new Error(`the grader's own token ${header} should pass`);
          if (res.status !== expected) return `was answered ${res.status}, expected ${expected}`;
          if (expected === 403 && JSON.stringify(res.json) !== JSON.stringify(CSRF_FAILED)) return `was answered ${res.text}`;
        },
        { numRuns: 200, show: ({ header }) => `X-CSRFToken: ${showInput(header)}` },
      );
    });

    it('compares the CSRF secrets with crypto.timingSafeEqual, as 32-character texts', async () => {
      const { send } = setup();
      expect((await send(withCsrf(), 'POST', { 'X-CSRFToken': recording.csrf.tokens[2]! })).status).toBe(200);
      expect(compared(secret), 'timingSafeEqual never saw the CSRF secret').toBe(true);
      spy.calls.length = 0;
      const wrong = maskSecret('Q'.repeat(32), recording.csrf.tokens[2]!.slice(0, 32));
      expect((await send(withCsrf(), 'POST', { 'X-CSRFToken': wrong })).status).toBe(403);
      expect(compared('Q'.repeat(32)) && compared(secret), 'a wrong token must be compared with timingSafeEqual too').toBe(true);
    });
  });

  // ---------------------------------------------------------------- constant time

  it('compares the session signature and the session auth hash with crypto.timingSafeEqual, right or wrong', async () => {
    const { send } = setup();
    const data = ALICE.row!.sessionData;
    const sig = data.slice(data.lastIndexOf(':') + 1);
    const hash = String(ALICE.row!.decoded._auth_user_hash);
    expect((await send(`sessionid=${ALICE.sessionKey}`)).status).toBe(200);
    expect(compared(sig, Buffer.from(sig, 'base64url')), 'timingSafeEqual never saw the session signature').toBe(true);
    expect(compared(hash, Buffer.from(hash, 'hex')), 'timingSafeEqual never saw _auth_user_hash').toBe(true);

    // A wrong signature, one character off: compared all the same, once per key.
    spy.calls.length = 0;
    const forged = data.slice(0, -1) + (data.endsWith('A') ? 'B' : 'A');
    await setSessionData(ALICE.sessionKey, forged);
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
    const forgedSig = forged.slice(forged.lastIndexOf(':') + 1);
    expect(compared(forgedSig, Buffer.from(forgedSig, 'base64url')), 'a forged signature must be compared with timingSafeEqual').toBe(true);
    expect(spy.calls.length, 'a forged signature must be tried against the key and every fallback key').toBeGreaterThanOrEqual(1 + SECRET_KEY_FALLBACKS.length);

    // A stale hash under a valid signature.
    spy.calls.length = 0;
    const stale = authHash('pbkdf2_sha256$1000000$old$old=');
    await setSessionData(ALICE.sessionKey, signSession({ ...loginDict('alice'), _auth_user_hash: stale }));
    await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
    expect(compared(stale, Buffer.from(stale, 'hex')), 'a stale _auth_user_hash must be compared with timingSafeEqual').toBe(true);
  });

  it('answers 401, without throwing, for a signature of another length, or one whose text differs in bits base64 drops', async () => {
    const { send } = setup();
    const data = ALICE.row!.sessionData;
    // The last of 43 base64url characters carries 4 bits and 2 spare ones:
    // flipping a spare bit leaves the decoded bytes alone but not the text
    // Django compares.
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spareBit = data.slice(0, -1) + B64URL[B64URL.indexOf(data.at(-1)!) ^ 1];
    for (const changed of [data.slice(0, -5), `${data}AAAA`, `${data.slice(0, data.lastIndexOf(':') + 1)}`, spareBit]) {
      await setSessionData(ALICE.sessionKey, changed);
      await expectRefused(await send(`sessionid=${ALICE.sessionKey}`));
    }
  });
});

// ---------------------------------------------------------------- passwords

function unmaskOracle(token: string) {
  const mask = token.slice(0, 32);
  return [...token.slice(32)].map((c, i) => CSRF_CHARS[(CSRF_CHARS.indexOf(c) - CSRF_CHARS.indexOf(mask[i]!) + 62) % 62]).join('');
}

/** make_password with PBKDF2PasswordHasher, any iteration count (the oracle). */
const djangoHash = (password: string, salt: string, iterations: number) =>
  `pbkdf2_sha256$${iterations}$${salt}$${pbkdf2Sync(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), iterations, 32, 'sha256').toString('base64')}`;

describe('checkPassword', () => {
  it('verifies real Django 5.2 hashes (1,000,000 iterations), non-ASCII passwords included, and refuses a wrong password', async () => {
    for (const name of ['alice', 'carol']) {
      const user = userOf(name);
      expect(await checkPassword(user.password, user.encoded), `${name}'s recorded password`).toBe(true);
    }
    expect(await checkPassword(`${userOf('alice').password} `, userOf('alice').encoded)).toBe(false);
  });

  it('verifies a Django 3.2 hash (260,000 iterations) and a changed password only against its own hash', async () => {
    const frank = recording.passwordChanges.find((p) => p.username === 'frank')!;
    expect(await checkPassword(frank.password, frank.before)).toBe(true);
    const erin = recording.passwordChanges.find((p) => p.username === 'erin')!;
    expect(await checkPassword(erin.password, erin.after)).toBe(false);
  });

  it('lets the event loop run while it derives the key (the async pbkdf2, not pbkdf2Sync)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const hash = djangoHash('loop-test', 'saltsaltsalt', 400_000);
      ticks = 0;
      expect(await checkPassword('loop-test', hash)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(ticks, 'no timer fired while checkPassword ran: it blocked the event loop').toBeGreaterThan(0);
  });

  it('compares the derived key with crypto.timingSafeEqual, for a right and a wrong password', async () => {
    const hash = djangoHash('right', 'pepper', 1000);
    const stored = Buffer.from(hash.split('$')[3]!, 'base64');
    expect(await checkPassword('right', hash)).toBe(true);
    expect(compared(hash.split('$')[3]!, stored), 'timingSafeEqual never saw the stored key').toBe(true);
    spy.calls.length = 0;
    expect(await checkPassword('wrong', hash)).toBe(false);
    expect(compared(hash.split('$')[3]!, stored), 'a wrong password must be compared with timingSafeEqual too').toBe(true);
  });

  it('agrees with Django’s PBKDF2 on generated passwords, salts and iteration counts', async () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '$', ':', 'é', '€', '😀', '\u0000'), maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const salt = fc.string({ unit: fc.constantFrom(...'abcXYZ0189'), minLength: 1, maxLength: 22 });
    await checkProperty(
      'a PBKDF2 hash',
      fc.record({ password: text, guess: text, salt, iterations: fc.integer({ min: 1, max: 3000 }) }),
      async ({ password, guess, salt, iterations }) => {
        const encoded = djangoHash(password, salt, iterations);
        if ((await checkPassword(password, encoded)) !== true) return 'the right password was refused';
        // Equal derived keys, not equal strings: HMAC pads its key with zero
        // bytes, so "" and "\u0000" are one password to PBKDF2, in Django too.
        const same = djangoHash(guess, salt, iterations) === encoded;
        if ((await checkPassword(guess, encoded)) !== same) return `the guess ${showInput(guess)} was ${same ? 'refused' : 'accepted'}`;
      },
      { numRuns: 60 },
    );
  });

  it.each([
    ['Django’s unusable password', '!Xy7PqRzaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['an empty string', ''],
    ['another algorithm', () => djangoHash('secret', 'salt', 10).replace('pbkdf2_sha256', 'pbkdf2_sha1')],
    ['argon2', 'argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$aGFzaA'],
    ['an algorithm whose name ends in pbkdf2_sha256', () => `x${djangoHash('secret', 'salt', 10)}`],
    ['three parts', 'pbkdf2_sha256$1000$salt'],
    ['five parts', () => `${djangoHash('secret', 'salt', 10)}$extra`],
    ['iterations that are not a number', () => djangoHash('secret', 'salt', 10).replace('$10$', '$ten$')],
    ['iterations written 1e1', () => djangoHash('secret', 'salt', 10).replace('$10$', '$1e1$')],
    ['iterations written 0xa', () => djangoHash('secret', 'salt', 10).replace('$10$', '$0xa$')],
    ['iterations with a leading space', () => djangoHash('secret', 'salt', 10).replace('$10$', '$ 10$')],
    ['iterations with a plus sign', () => djangoHash('secret', 'salt', 10).replace('$10$', '$+10$')],
    ['iterations written 10.0', () => djangoHash('secret', 'salt', 10).replace('$10$', '$10.0$')],
    ['zero iterations', 'pbkdf2_sha256$0$salt$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['negative iterations', 'pbkdf2_sha256$-10$salt$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['a key of 16 bytes', () => `pbkdf2_sha256$10$salt$${pbkdf2Sync('secret', 'salt', 10, 16, 'sha256').toString('base64')}`],
    ['a key that is not base64', 'pbkdf2_sha256$10$salt$***'],
  ])('resolves false, never rejects, for %s', async (_what, encoded) => {
    const value = typeof encoded === 'function' ? encoded() : encoded;
    await expect(checkPassword('secret', value)).resolves.toBe(false);
  });
});
