/**
 * Chapter 2's "Check yourself" questions. Each answer is asserted by
 * test/snippets/02-routing.check-yourself.test.ts against the chapter's snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'hono-wrong-method',
    question:
      'The Hono app from this chapter has `GET /api/invoices` and no `POST` on that path. What status does `POST /api/invoices` get?',
    choices: ['404', '405', '501'],
    answer: '404',
    explanation:
      'By default Hono answers a wrong method exactly like an unknown path: a 404 with no `Allow` header. The 405 with `Allow: GET, HEAD` takes the `methodNotAllowed` middleware from `hono/method-not-allowed`, added by you.',
  },
  {
    id: 'urlpattern-group',
    question: 'The `URLPattern` `/invoices/:id([0-9]+)` matches `/invoices/42`. What is `groups.id`?',
    choices: ['`42` (a number)', '`"42"` (a string)', '`42n` (a bigint)'],
    answer: '`"42"` (a string)',
    explanation:
      'A regular expression in a pattern constrains; it never converts. Unlike `<int:pk>`, every captured group is a string, and `Number(...)` is yours to write.',
  },
  {
    id: 'shadowed-route',
    question:
      'A route table lists `GET /invoices/:number` first and `GET /invoices/new` second. What does `GET /invoices/new` answer?',
    choices: ['`{"form":"new_invoice"}`', '`{"number":"new"}`', 'a 404'],
    answer: '`{"number":"new"}`',
    explanation:
      'Routes are tried in registration order and the first match wins, so `:number` swallows `new`. Put the static route first, or constrain the param so it cannot match `new`.',
  },
  {
    id: 'hono-decodes',
    question: 'A Hono route `/c/:name` receives `/c/caf%C3%A9`. What does `c.req.param("name")` return?',
    choices: ['`"caf%C3%A9"` (a string)', '`"café"` (a string)', 'it throws `URIError`'],
    answer: '`"café"` (a string)',
    explanation:
      'Hono percent-decodes params, as Django decodes the path. `URLPattern` and the naive router do not: they hand over `caf%C3%A9`. A malformed escape such as `%E0%A4%A` reaches a Hono handler raw, so a free-text param still needs checking.',
  },
]);
