/**
 * Django's check_password for its default hasher, PBKDF2-SHA256.
 */
import { pbkdf2, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// #region check-password
const pbkdf2Async = promisify(pbkdf2);
const PBKDF2 = /^pbkdf2_sha256\$([1-9][0-9]{0,8})\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;

export async function checkPassword(password: string, encoded: string): Promise<boolean> {
  const match = PBKDF2.exec(encoded); // "!…" (unusable) and other hashers: no match
  if (!match) return false;
  const [, iterations, salt, hash] = match;
  const stored = Buffer.from(hash!, 'base64');
  if (stored.length !== 32) return false;
  // On libuv's thread pool: the event loop keeps serving requests meanwhile.
  const derived = await pbkdf2Async(password, salt!, Number(iterations), 32, 'sha256');
  return timingSafeEqual(derived, stored);
}
// #endregion

// #region blocking
/** The same check with pbkdf2Sync: correct, and it stops every other request while it runs. */
export function checkPasswordBlocking(password: string, encoded: string): boolean {
  const [algorithm, iterations, salt, hash] = encoded.split('$');
  if (algorithm !== 'pbkdf2_sha256' || !hash) return false;
  const derived = pbkdf2Sync(password, salt!, Number(iterations), 32, 'sha256');
  const stored = Buffer.from(hash, 'base64');
  return stored.length === 32 && timingSafeEqual(derived, stored);
}
// #endregion
