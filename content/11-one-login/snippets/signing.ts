/**
 * django.core.signing, the half the TypeScript service needs: verify and
 * decode what Django's session store wrote into django_session.session_data.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/** Django's salted_hmac key: SHA-256 of salt + secret, raw bytes. */
export const saltedKey = (salt: string, secret: string): Buffer => createHash('sha256').update(salt + secret).digest();

/** Constant-time equality of two ASCII texts; unequal lengths are simply unequal. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

// #region verify
const SESSION_SALT = 'django.contrib.sessions.SessionStore';

/** signing.loads(data, salt=SESSION_SALT): the session dict, or null when the signature fails. */
export function loadSession(data: string, secrets: readonly string[]): Record<string, unknown> | null {
  // [.]payload:timestamp:signature: the HMAC covers "payload:timestamp".
  const cut = data.lastIndexOf(':');
  if (cut === -1) return null;
  const signed = data.slice(0, cut);
  const signature = data.slice(cut + 1);
  const valid = secrets.some((secret) => {
    const key = saltedKey(SESSION_SALT + 'signer', secret);
    return sameText(signature, createHmac('sha256', key).update(signed).digest('base64url'));
  });
  if (!valid) return null;
  return decodePayload(signed.slice(0, signed.lastIndexOf(':')));
}
// #endregion

// #region decode
/** The signed part before the timestamp: base64url JSON, zlib first when it starts with ".". */
export function decodePayload(payload: string): Record<string, unknown> | null {
  const compressed = payload.startsWith('.');
  const bytes = Buffer.from(compressed ? payload.slice(1) : payload, 'base64url');
  const json = (compressed ? inflateSync(bytes) : bytes).toString('latin1');
  const value: unknown = JSON.parse(json);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
// #endregion

// #region auth-hash
const AUTH_HASH_SALT = 'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash';

/** user.get_session_auth_hash(): hex HMAC-SHA256 of the password column. */
export const sessionAuthHash = (passwordField: string, secret: string): string =>
  createHmac('sha256', saltedKey(AUTH_HASH_SALT, secret)).update(passwordField).digest('hex');

/** Django's check in get_user(): the current key or any fallback key. */
export const hashIsCurrent = (hash: string, passwordField: string, secrets: readonly string[]): boolean =>
  secrets.some((secret) => sameText(hash, sessionAuthHash(passwordField, secret)));
// #endregion
