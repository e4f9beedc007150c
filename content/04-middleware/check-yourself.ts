/**
 * Chapter 4's "Check yourself" questions. Each answer is asserted by
 * test/snippets/04-middleware.check-yourself.test.ts against the chapter's snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'compose-order',
    question:
      'Three middlewares `a`, `b` and `c` each log their name before calling `next` and again (with a `/`) after it returns. The handler logs `h`. What does `compose(a, b, c)(handler)` log for one request?',
    choices: ['`a b c h /c /b /a`', '`c b a h /a /b /c`', '`a b c h /a /b /c`', '`c b a h /c /b /a`'],
    answer: '`a b c h /c /b /a`',
    explanation:
      '`reduceRight` wraps the handler in `c` first and `a` last, so the first middleware listed is outermost: it sees the request first and the response last, like the first entry of `settings.MIDDLEWARE`.',
  },
  {
    id: 'forgotten-await',
    question:
      '`leakyBoundary` wraps `return next(request, ctx)` (no `await`) in a `try`/`catch` that answers a JSON 500. The handler’s promise rejects. What does the caller of the boundary get?',
    choices: ['a JSON 500 response', 'the rejection, unchanged', 'a 200 with an empty body'],
    answer: 'the rejection, unchanged',
    explanation:
      'The `try` block ends as soon as it returns the pending promise, so the rejection arrives after the `catch` is gone and travels straight to the caller. `return await next(...)` keeps it inside the `try`.',
  },
  {
    id: 'hono-try-next',
    question:
      'In a Hono app, a middleware wraps `await next()` in `try`/`catch`, and the route handler throws. `app.onError` answers a 500. What does that middleware observe?',
    choices: ['its `catch` receives the error', '`next()` resolves and the response is already a 500', '`next()` never settles'],
    answer: '`next()` resolves and the response is already a 500',
    explanation:
      'Hono catches the handler’s error where it happens and hands it to `onError`, so `await next()` never throws. The boundary has to be `onError`, not a middleware; timing sees a 500 response, not an exception.',
  },
  {
    id: 'hono-malformed-auth',
    question:
      'The chapter’s Hono app protects `/api/*` with `bearerAuth()`. A request sends `Authorization: Basic alice-token`. What status does it get?',
    choices: ['400', '401', '403', '500'],
    answer: '400',
    explanation:
      '`bearerAuth()` answers a header that is not `Bearer <token>` with a 400 and a plain-text `Bad Request`, not the 401 a missing or unknown token gets. It is one of the answers Hono decides for you.',
  },
]);
