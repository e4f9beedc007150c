/**
 * Django's CSRF check for a request that carries its cookie: the
 * csrftoken cookie against the X-CSRFToken header.
 */
import { sameText } from './signing.ts';

// #region unmask
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TOKEN = /^(?:[a-zA-Z0-9]{32}|[a-zA-Z0-9]{64})$/;

/** 64 characters = mask + cipher; cipher[i] = CHARS[(secret[i] + mask[i]) mod 62]. */
export function unmask(token: string): string {
  if (token.length === 32) return token; // the secret itself
  const mask = token.slice(0, 32);
  const cipher = token.slice(32);
  return [...cipher].map((c, i) => CHARS[(CHARS.indexOf(c) - CHARS.indexOf(mask[i]!) + 62) % 62]).join('');
}
// #endregion

// #region check
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** CsrfViewMiddleware's answer for a request: may it reach the view? */
export function csrfPasses(request: Request, cookies: Map<string, string>): boolean {
  if (SAFE.has(request.method)) return true;
  const cookie = cookies.get('csrftoken');
  const header = request.headers.get('x-csrftoken');
  if (cookie === undefined || header === null) return false;
  if (!TOKEN.test(cookie) || !TOKEN.test(header)) return false;
  return sameText(unmask(header), unmask(cookie));
}
// #endregion

/** Django's _mask_cipher_secret, for tests and for a TypeScript page that renders a form. */
export function mask(secret: string, maskChars: string): string {
  return maskChars + [...secret].map((c, i) => CHARS[(CHARS.indexOf(c) + CHARS.indexOf(maskChars[i]!)) % 62]).join('');
}
