/**
 * Django's session, CSRF token and password hashes, read by the TypeScript
 * service. Every secret comparison goes through timingSafeEqual; every
 * failure is the same JSON answer; the one slow step, PBKDF2, runs on
 * libuv's thread pool, not on the event loop.
 */
import { createHash, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import type { Db } from '#lib/db';

export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

/** What the middleware puts in the context: the Django user. */
export interface DjangoUser {
  id: number;
  username: string;
}

export interface SessionContext {
  user: DjangoUser;
}

export interface DjangoSessionOptions {
  db: Db;
  /** Django's settings.SECRET_KEY. */
  secretKey: string;
  /** Django's settings.SECRET_KEY_FALLBACKS: older keys still accepted. */
  secretKeyFallbacks?: readonly string[];
}

const SESSION_SALT = 'django.contrib.sessions.SessionStore';
const AUTH_HASH_SALT = 'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash';
const MODEL_BACKEND = 'django.contrib.auth.backends.ModelBackend';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const CSRF_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CSRF_TOKEN = /^(?:[a-zA-Z0-9]{32}|[a-zA-Z0-9]{64})$/;

const notAuthenticated = () => Response.json({ error: 'not_authenticated' }, { status: 401 });
const csrfFailed = () => Response.json({ error: 'csrf_failed' }, { status: 403 });

/** Constant-time equality of two ASCII texts; unequal lengths are simply unequal. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Python's http.cookies._unquote: "…" with \" \\ and \ooo escapes. */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value
    .slice(1, -1)
    .replace(/\\(?:([0-3][0-7][0-7])|(.))/gs, (_m, octal: string | undefined, char: string | undefined) =>
      octal !== undefined ? String.fromCharCode(parseInt(octal, 8)) : char!,
    );
}

/** django.http.cookie.parse_cookie: the last value of a repeated name wins. */
export function parseCookie(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const chunk of header.split(';')) {
    const eq = chunk.indexOf('=');
    const [name, value] = eq === -1 ? ['', chunk] : [chunk.slice(0, eq), chunk.slice(eq + 1)];
    const key = name.trim();
    const val = value.trim();
    if (key || val) cookies.set(key, unquote(val));
  }
  return cookies;
}

/** 64 characters (mask + cipher) → the 32-character secret; 32 stay as they are. */
function csrfSecret(token: string): string {
  if (token.length === 32) return token;
  let secret = '';
  for (let i = 0; i < 32; i++) {
    // token[i] is the mask, token[32 + i] the cipher.
    secret += CSRF_CHARS[(CSRF_CHARS.indexOf(token[32 + i]!) - CSRF_CHARS.indexOf(token[i]!) + 62) % 62];
  }
  return secret;
}

function csrfPasses(request: Request, cookies: Map<string, string>): boolean {
  const cookie = cookies.get('csrftoken');
  const header = request.headers.get('x-csrftoken');
  if (cookie === undefined || header === null) return false;
  if (!CSRF_TOKEN.test(cookie) || !CSRF_TOKEN.test(header)) return false;
  return sameText(csrfSecret(header), csrfSecret(cookie));
}

const derivedKey = (salt: string, secret: string) => createHash('sha256').update(salt + secret).digest();

/** signing.loads(data, salt=SESSION_SALT): the parsed JSON (any JSON value), or null. */
function loadSession(data: string, secrets: readonly string[]): unknown {
  const sigAt = data.lastIndexOf(':');
  if (sigAt === -1) return null;
  const signed = data.slice(0, sigAt);
  const signature = data.slice(sigAt + 1);
  const valid = secrets.some((secret) =>
    sameText(signature, createHmac('sha256', derivedKey(SESSION_SALT + 'signer', secret)).update(signed).digest('base64url')),
  );
  if (!valid) return null;
  // Signed by Django: past this point the bytes are its own.
  const payload = signed.slice(0, signed.lastIndexOf(':'));
  const compressed = payload.startsWith('.');
  const bytes = Buffer.from(compressed ? payload.slice(1) : payload, 'base64url');
  return JSON.parse((compressed ? inflateSync(bytes) : bytes).toString('latin1')) as unknown;
}

interface UserRow {
  id: number;
  username: string;
  password: string;
}

async function sessionUser(db: Db, sessionKey: string, secrets: readonly string[]): Promise<DjangoUser | null> {
  const { rows } = await db.query<{ session_data: string }>(
    'SELECT session_data FROM django_session WHERE session_key = $1 AND expire_date > now()',
    [sessionKey],
  );
  if (rows.length === 0) return null;
  // Object() turns null into {} and boxes a number or a string: a JSON value
  // that is not an object has none of the login keys.
  const session = Object(loadSession(rows[0]!.session_data, secrets)) as Record<string, unknown>;
  const userId = session._auth_user_id;
  const backend = session._auth_user_backend;
  const hash = session._auth_user_hash;
  if (typeof userId !== 'string' || !/^[0-9]{1,15}$/.test(userId)) return null;
  if (backend !== MODEL_BACKEND || typeof hash !== 'string') return null;
  const users = await db.query<UserRow>(
    'SELECT id, username, password FROM auth_user WHERE id = $1 AND is_active',
    [Number(userId)],
  );
  const user = users.rows[0];
  if (!user) return null;
  const current = secrets.some((secret) =>
    sameText(hash, createHmac('sha256', derivedKey(AUTH_HASH_SALT, secret)).update(user.password).digest('hex')),
  );
  return current ? { id: Number(user.id), username: user.username } : null;
}

export function djangoSession(options: DjangoSessionOptions) {
  const secrets = [options.secretKey, ...(options.secretKeyFallbacks ?? [])];
  return <Ctx extends object>(next: Handler<Ctx & SessionContext>): Handler<Ctx> =>
    async (request, ctx) => {
      const cookies = parseCookie(request.headers.get('cookie') ?? '');
      if (!SAFE_METHODS.has(request.method) && !csrfPasses(request, cookies)) return csrfFailed();

      const sessionKey = cookies.get('sessionid');
      let user: DjangoUser | null = null;
      if (sessionKey) {
        try {
          user = await sessionUser(options.db, sessionKey, secrets);
        } catch {
          // A payload that does not decode is an anonymous request, as in Django: user stays null.
        }
      }
      if (!user) return notAuthenticated();
      return next(request, { ...ctx, user });
    };
}

const pbkdf2Async = promisify(pbkdf2);
const DJANGO_PBKDF2 = /^pbkdf2_sha256\$([1-9][0-9]{0,8})\$([^$]*)\$([A-Za-z0-9+/]+={0,2})$/;

export async function checkPassword(password: string, encoded: string): Promise<boolean> {
  const match = DJANGO_PBKDF2.exec(encoded);
  if (!match) return false;
  const stored = Buffer.from(match[3]!, 'base64');
  if (stored.length !== 32) return false;
  const derived = await pbkdf2Async(Buffer.from(password, 'utf8'), Buffer.from(match[2]!, 'utf8'), Number(match[1]), 32, 'sha256');
  return timingSafeEqual(derived, stored);
}
