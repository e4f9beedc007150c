/**
 * Chapter 8's "Check yourself" questions. Each answer is asserted by
 * test/snippets/08-habits-to-unlearn.check-yourself.test.ts against the
 * chapter's snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'anonymous',
    question:
      'Django’s `@login_required` answers an anonymous client with a 302. The Hono + zod invoice list from the first section gets a request with no `Authorization` header. What status does it answer?',
    choices: ['302', '401', '403', '404'],
    answer: '401',
    explanation:
      'The handler decides, and it answers 401 with a JSON body. `@login_required` redirects to a login page because Django assumes a browser.',
  },
  {
    id: 'repeated-status',
    question: 'The same service gets `?status=draft&status=paid`. Which invoices does it list?',
    choices: ['the drafts', 'the paid ones', 'both', 'none: it answers 422'],
    answer: 'the drafts',
    explanation:
      'Hono’s `c.req.query()` keeps the first value; Django’s `QueryDict` hands the form the last one, so the Django view lists the paid invoices. Neither rejects the repetition unless you read them all and say so.',
  },
  {
    id: 'pay-twice',
    question: '`markPaid(db, owner, id)` returns a `Result`. It is called twice for the same sent invoice. What does the second call give?',
    choices: [
      '`{ ok: true }` again',
      '`{ ok: false, error: "already_paid" }`',
      'it throws `AlreadyPaid`',
      '`{ ok: false, error: "not_found" }`',
    ],
    answer: '`{ ok: false, error: "already_paid" }`',
    explanation:
      '“Already paid” is an expected outcome, so it is a value in the function’s type, not an exception; the caller cannot read `value` before checking `ok`. Only unexpected failures are thrown, and one boundary catches them.',
  },
]);
