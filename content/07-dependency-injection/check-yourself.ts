/**
 * Chapter 7's "Check yourself" questions. Each answer is asserted by
 * test/snippets/07-dependency-injection.check-yourself.test.ts against the
 * chapter's snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'env-errors',
    question:
      '`main` starts with `loadConfig(process.env)`. The environment has `PORT=8e3` and no `DATABASE_URL` (`RECEIPTS_URL` is fine). What happens?',
    choices: [
      'it starts on port 8000 and fails at the first query',
      'it throws `invalid environment: PORT`',
      'it throws `invalid environment: PORT, DATABASE_URL`',
    ],
    answer: 'it throws `invalid environment: PORT, DATABASE_URL`',
    explanation:
      'The whole environment is checked by one zod schema before anything is opened, so every bad variable is named in one message. `PORT` takes plain digits only, so `8e3` is refused rather than read as 8000, and values are never printed because a database URL carries a password.',
  },
  {
    id: 'port-default',
    question: 'With no `PORT` in the environment at all, what is `loadConfig(env).PORT`?',
    choices: ['`undefined`', '`"3000"` (a string)', '`3000` (a number)'],
    answer: '`3000` (a number)',
    explanation:
      'The schema’s `.default(3000)` supplies a value when the variable is missing, and the config’s type says `PORT: number`, so no caller has to convert or check it again.',
  },
  {
    id: 'not-sent',
    question:
      '`markPaid` is called, with fakes for the database, clock and receipts, for an invoice of the user’s that is already paid. What does it answer?',
    choices: ['200, and a receipt is sent', '409, and no receipt is sent', '409, and a receipt is sent anyway', '404'],
    answer: '409, and no receipt is sent',
    explanation:
      'The `UPDATE … WHERE status = \'sent\'` changes no row, so the handler answers 409 before it reaches the receipts client. The recording fake makes "nothing was sent" a value the test can read, with nothing patched.',
  },
]);
