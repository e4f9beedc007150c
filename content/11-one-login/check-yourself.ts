/**
 * Chapter 11's "Check yourself" questions. Each answer is asserted by
 * test/snippets/11-one-login.check-yourself.test.ts against the chapter's
 * snippets and the sessions recorded from real Django.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'compressed-login',
    question:
      'A user logs in to Django 5.2 (database sessions, the defaults). How does the `session_data` of the new `django_session` row begin?',
    choices: ['with `{"_auth_user_id"`', 'with `eyJ` (base64 of `{"`)', 'with `.` (zlib-compressed)', 'with the session key'],
    answer: 'with `.` (zlib-compressed)',
    explanation:
      'Django compresses whenever zlib saves more than a byte, and the three login keys (a dotted backend path, a 64-character hex hash) always compress. A port that skips the `.` branch fails on every real login, though it passes tests that sign small payloads by hand.',
  },
  {
    id: 'rehash-logout',
    question:
      'Frank has a session from before the upgrade to Django 5.2. He logs in from another device, and Django re-hashes his password from 260,000 to 1,000,000 iterations. What happens to the old session?',
    choices: ['it stays valid: the password did not change', 'it is logged out', 'it is upgraded at its next request'],
    answer: 'it is logged out',
    explanation:
      '`_auth_user_hash` is an HMAC of the whole stored hash string, iterations and salt included. A re-hash changes that string, so every older session fails the check, on Django and on the TypeScript service alike.',
  },
  {
    id: 'two-tokens',
    question:
      'A page calls `get_token(request)` twice and gets two different 64-character tokens for one `csrftoken` cookie. Which of them does `CsrfViewMiddleware` accept in `X-CSRFToken`?',
    choices: ['only the second', 'only the first', 'both', 'neither: it wants the cookie’s value'],
    answer: 'both',
    explanation:
      'Each token is the same 32-character secret under a fresh random mask (against BREACH). Unmasking either gives the cookie’s secret; the cookie’s value itself is accepted as well.',
  },
]);
