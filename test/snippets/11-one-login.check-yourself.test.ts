/**
 * Proofs of chapter 11's "Check yourself" answers
 * (content/11-one-login/check-yourself.ts), on the sessions, hashes and
 * tokens real Django wrote (test/11-one-login/recorded/sessions.json).
 */
import questions from '../../content/11-one-login/check-yourself.ts';
import { csrfPasses } from '../../content/11-one-login/snippets/csrf.ts';
import { hashIsCurrent } from '../../content/11-one-login/snippets/signing.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { recording } from '../fixtures/11-one-login.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);
const secrets = [recording.secretKey, ...recording.secretKeyFallbacks];

proof('compressed-login', () => {
  const firsts = new Set(recording.sessions.filter((s) => s.row).map((s) => s.row!.sessionData[0]));
  return firsts.size === 1 && firsts.has('.') ? 'with `.` (zlib-compressed)' : `with ${[...firsts].join(', ')}`;
});

proof('rehash-logout', () => {
  const old = recording.sessions.find((s) => s.label === 'frank-before-rehash')!;
  const frank = recording.passwordChanges.find((p) => p.username === 'frank')!;
  const hash = String(old.row!.decoded._auth_user_hash);
  if (!hashIsCurrent(hash, frank.before, secrets)) return 'the recording is wrong: the old session never matched';
  return hashIsCurrent(hash, frank.after, secrets) ? 'it stays valid: the password did not change' : 'it is logged out';
});

proof('two-tokens', () => {
  const cookies = new Map([['csrftoken', recording.csrf.cookie]]);
  const passes = recording.csrf.tokens.slice(0, 2).map((token) => csrfPasses(request('POST', '/', { headers: { 'X-CSRFToken': token } }), cookies));
  return passes[0] && passes[1] ? 'both' : passes[1] ? 'only the second' : passes[0] ? 'only the first' : 'neither: it wants the cookie’s value';
});

proof.everyQuestion();
