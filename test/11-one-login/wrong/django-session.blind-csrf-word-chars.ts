// mistake: the CSRF token alphabet is checked with \w, which also admits '_', so a csrftoken cookie and X-CSRFToken header containing underscores (not Django's a-z A-Z 0-9) are accepted instead of answering 403.
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

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TOKEN_CHARS = /^\w+$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const SESSION_SALT = 'django.contrib.sessions.SessionStore';
const AUTH_HASH_SALT = 'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash';
const MODEL_BACKEND = 'django.contrib.auth.backends.ModelBackend';

const pbkdf2Async = promisify(pbkdf2);

function refuse(status: 401 | 403): Response {
  const error = status === 403 ? 'csrf_failed' : 'not_authenticated';
  return Response.json({ error }, { status });
}

/** Python's http.cookies._unquote, for the values browsers send. */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(?:([0-3][0-7][0-7])|(.))/g, (_m, octal: string | undefined, ch: string | undefined) =>
    octal !== undefined ? String.fromCharCode(parseInt(octal, 8)) : (ch ?? ''),
  );
}

/** django.http.cookie.parse_cookie: the last value of a repeated name wins. */
function parseCookie(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const chunk of header.split(';')) {
    const eq = chunk.indexOf('=');
    const name = (eq === -1 ? '' : chunk.slice(0, eq)).trim();
    const value = (eq === -1 ? chunk : chunk.slice(eq + 1)).trim();
    if (name || value) cookies.set(name, unquote(value));
  }
  return cookies;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function unmask(token: string): string {
  const mask = token.slice(0, 32);
  const cipher = token.slice(32);
  let secret = '';
  for (let i = 0; i < 32; i++) {
    secret += CHARS[(CHARS.indexOf(cipher[i]!) - CHARS.indexOf(mask[i]!) + 62) % 62];
  }
  return secret;
}

/** A CSRF token (32 = the secret, 64 = masked) → the 32-character secret, or null. */
function csrfSecret(token: string | null | undefined): string | null {
  if (!token || !TOKEN_CHARS.test(token)) return null;
  if (token.length === 32) return token;
  if (token.length === 64) return unmask(token);
  return null;
}

function csrfPasses(request: Request, cookies: Map<string, string>): boolean {
  const fromCookie = csrfSecret(cookies.get('csrftoken'));
  const fromHeader = csrfSecret(request.headers.get('x-csrftoken'));
  if (fromCookie === null || fromHeader === null) return false;
  return sameText(fromCookie, fromHeader);
}

function secrets(options: DjangoSessionOptions): string[] {
  return [options.secretKey, ...(options.secretKeyFallbacks ?? [])];
}

/** django.core.signing.loads(data, salt=SESSION_SALT), without the max_age check. */
function loadSessionData(data: string, keys: readonly string[]): Record<string, unknown> | null {
  const sigAt = data.lastIndexOf(':');
  if (sigAt === -1) return null;
  const value = data.slice(0, sigAt);
  const signature = data.slice(sigAt + 1);
  const tsAt = value.lastIndexOf(':');
  if (tsAt === -1) return null;
  const payload = value.slice(0, tsAt);

  const signed = keys.some((secret) => {
    const key = createHash('sha256').update(SESSION_SALT + 'signer' + secret).digest();
    const expected = createHmac('sha256', key).update(value).digest('base64url');
    return sameText(expected, signature);
  });
  if (!signed) return null;

  const compressed = payload.startsWith('.');
  let bytes = Buffer.from(compressed ? payload.slice(1) : payload, 'base64url');
  if (compressed) bytes = inflateSync(bytes);
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  return parsed as Record<string, unknown>;
}

function sessionAuthHash(password: string, secret: string): string {
  const key = createHash('sha256').update(AUTH_HASH_SALT + secret).digest();
  return createHmac('sha256', key).update(password).digest('hex');
}

interface UserRow {
  id: number;
  username: string;
  password: string;
}

async function authenticate(request: Request, cookies: Map<string, string>, options: DjangoSessionOptions): Promise<DjangoUser | null> {
  const sessionKey = cookies.get('sessionid');
  if (!sessionKey) return null;

  const { rows: sessions } = await options.db.query<{ session_data: string }>(
    'SELECT session_data FROM django_session WHERE session_key = $1 AND expire_date > now()',
    [sessionKey],
  );
  const row = sessions[0];
  if (!row || typeof row.session_data !== 'string') return null;

  const keys = secrets(options);
  const session = loadSessionData(row.session_data, keys);
  if (!session) return null;

  const userId = session._auth_user_id;
  const backend = session._auth_user_backend;
  const hash = session._auth_user_hash;
  if (typeof userId !== 'string' || !/^\d+$/.test(userId)) return null;
  if (backend !== MODEL_BACKEND) return null;
  if (typeof hash !== 'string' || hash === '') return null;

  const { rows: users } = await options.db.query<UserRow>(
    'SELECT id, username, password FROM auth_user WHERE id = $1 AND is_active',
    [userId],
  );
  const user = users[0];
  if (!user) return null;

  const hashMatches = keys.some((secret) => sameText(sessionAuthHash(user.password, secret), hash));
  if (!hashMatches) return null;
  return { id: Number(user.id), username: user.username };
}

export function djangoSession(options: DjangoSessionOptions) {
  return <Ctx extends object>(next: Handler<Ctx & SessionContext>): Handler<Ctx> =>
    async (request, ctx) => {
      let user: DjangoUser | null;
      try {
        const cookies = parseCookie(request.headers.get('cookie'));
        if (!SAFE_METHODS.has(request.method) && !csrfPasses(request, cookies)) return refuse(403);
        user = await authenticate(request, cookies, options);
      } catch {
        user = null;
      }
      if (!user) return refuse(401);
      return next(request, { ...ctx, user });
    };
}

export async function checkPassword(password: string, encoded: string): Promise<boolean> {
  try {
    const parts = encoded.split('$');
    if (parts.length !== 4) return false;
    const [algorithm, iterations, salt, hash] = parts as [string, string, string, string];
    if (algorithm !== 'pbkdf2_sha256' || !/^\d+$/.test(iterations) || salt === '' || hash === '') return false;
    const rounds = Number(iterations);
    if (!Number.isSafeInteger(rounds) || rounds < 1) return false;
    const stored = Buffer.from(hash, 'base64');
    const derived = await pbkdf2Async(password, salt, rounds, 32, 'sha256');
    return stored.length === derived.length && timingSafeEqual(stored, derived);
  } catch {
    return false;
  }
}
