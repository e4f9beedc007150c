/**
 * Exercise: django-session — accept the user Django logged in, and nobody else.
 *
 * The grader logs users in with real Django 5.2 (`npm run record:sessions`
 * wrote test/11-one-login/recorded/sessions.json: cookies, django_session
 * rows and password hashes exactly as Django made them), puts those rows in
 * the grader's database (the tables Django's migrations create: auth_user,
 * django_session) and sends your middleware the browser's cookies.
 *
 * What Django does on every request, which you port:
 *
 *     SessionMiddleware         sessionid cookie → django_session row whose
 *                               expire_date > now() → signing.loads(...)
 *     CsrfViewMiddleware        unsafe method → csrftoken cookie vs X-CSRFToken
 *     AuthenticationMiddleware  _auth_user_id → auth_user (is_active) →
 *                               _auth_user_hash must be the HMAC of the
 *                               user's current password field
 *     session_data              [.]<payload>:<timestamp>:<signature>
 *                               (base64url without "=", base62, base64url)
 *
 * Requirements (the grader checks each one):
 *   - CSRF first, as Django rejects before any view runs: for every method
 *     except GET, HEAD, OPTIONS and TRACE, the `csrftoken` cookie holds the
 *     secret (32 characters of a-z A-Z 0-9; a 64-character one, as Django
 *     before 4.0 wrote it, is a masked token: unmask it first), and the
 *     `X-CSRFToken` header holds 32 characters (the secret) or 64.
 *   - A 64-character token is Django's masked token: 32 of mask, then 32 of
 *     cipher, where secret[i] = CHARS[(index(cipher[i]) - index(mask[i]))
 *     mod 62] and CHARS = a-z A-Z 0-9 in that order. The two secrets must be
 *     equal, compared as 32-character texts with crypto.timingSafeEqual from
 *     node:crypto. Anything else (no cookie, no header, wrong length or
 *     characters, a token for another secret) answers
 *     403 {"error": "csrf_failed"}.
 *   - The `sessionid` cookie is read from the Cookie header the way Django's
 *     parse_cookie does: split at ";", split each part at its first "=",
 *     trim spaces around name and value, the LAST value of a repeated name
 *     wins, a value in double quotes is unquoted.
 *   - The django_session row with that session_key counts only while its
 *     expire_date is later than the DATABASE's now() (the one clock both
 *     services share: compare in SQL).
 *   - Its session_data is verified: the signature is HMAC-SHA256(key,
 *     "<payload part>:<timestamp>") with key = SHA-256(
 *     "django.contrib.sessions.SessionStore" + "signer" + secret), for
 *     options.secretKey and then each of options.secretKeyFallbacks
 *     (Django's SECRET_KEY_FALLBACKS). Compare the signature TEXT (43
 *     characters) with timingSafeEqual. The timestamp is not checked: the
 *     row's expire_date decides.
 *   - The payload is compact JSON; a leading "." means the base64url bytes
 *     are zlib-compressed (node:zlib's inflateSync reads them).
 *   - The session's "_auth_user_id" (the id as a string) names an auth_user
 *     row that exists and is active (is_active), and "_auth_user_backend" is
 *     "django.contrib.auth.backends.ModelBackend".
 *   - The session's "_auth_user_hash" equals the hex HMAC-SHA256 of the
 *     user's `password` column with key = SHA-256(
 *     "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash" +
 *     secret), for secretKey or a fallback key; compare the hex TEXT with
 *     timingSafeEqual. A changed password therefore ends every session of
 *     that user, on both services.
 *   - Success: next(request, { ...ctx, user: { id, username } }), keeping the
 *     caller's other context fields and never writing into `ctx`.
 *   - Any failure of the session or the user (no cookie, no row, expired,
 *     bad signature, unknown key, broken payload, missing keys, inactive or
 *     deleted user, stale hash): 401 {"error": "not_authenticated"}. Never
 *     throw: malformed input is a 401, not a crash.
 *   - Every refusal is JSON (application/json) with exactly that body, and
 *     `next` is not called. It never says which check failed, and nothing
 *     from the cookie, the session or the secret appears in a response.
 *   - checkPassword(password, encoded) is Django's check_password for the
 *     hashes Django 5.2 writes by default,
 *     pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte key>. Derive
 *     the key with the ASYNC crypto.pbkdf2 (sha256, 32 bytes, password and
 *     salt as UTF-8): a million iterations take a tenth of a second or more,
 *     and pbkdf2Sync would stop every other request for that long (the
 *     grader runs a timer during your call).
 *   - checkPassword compares the derived key with the stored one using
 *     timingSafeEqual, and resolves false, never rejects, for anything else:
 *     another algorithm, Django's unusable password ("!" followed by
 *     anything), a malformed hash (iterations are plain digits), the wrong
 *     password.
 */
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

export function djangoSession(options: DjangoSessionOptions) {
  return <Ctx extends object>(next: Handler<Ctx & SessionContext>): Handler<Ctx> =>
    async (_request, _ctx) => {
      // TODO: CSRF for unsafe methods: csrftoken cookie vs X-CSRFToken (403).
      // TODO: parse the Cookie header as Django does; find the sessionid.
      // TODO: SELECT the unexpired django_session row (compare with now()).
      // TODO: verify the signature (secretKey, then each fallback) with
      //       timingSafeEqual; decode the payload (zlib when it starts with ".").
      // TODO: load the active auth_user; check _auth_user_backend and
      //       _auth_user_hash (timingSafeEqual).
      // TODO: 401 JSON on any failure, or next() with a new ctx that has user.
      void options;
      void next;
      throw new Error('djangoSession() is not implemented yet');
    };
}

export async function checkPassword(_password: string, _encoded: string): Promise<boolean> {
  // TODO: split "pbkdf2_sha256$iterations$salt$hash"; false for anything else.
  // TODO: derive with the async crypto.pbkdf2, compare with timingSafeEqual.
  throw new Error('checkPassword() is not implemented yet');
}
