/**
 * Chapter 5's "Check yourself" questions. Each answer is asserted by
 * test/snippets/05-validation.check-yourself.test.ts against the chapter's snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'coerce-true',
    question: '`CoercedCents` is `z.coerce.number().int().min(1)`. What does `CoercedCents.safeParse(true)` give?',
    choices: ['`{ success: false }`', '`{ success: true, data: 1 }`', '`{ success: true, data: true }`'],
    answer: '`{ success: true, data: 1 }`',
    explanation:
      '`z.coerce.number()` runs `Number(input)` first, and `Number(true)` is 1, which is an integer of at least 1. The strict `z.int()` refuses a boolean, as a JSON API should.',
  },
  {
    id: 'object-strips',
    question: 'What does `z.object({ amount_cents: z.int() }).parse({ amount_cents: 5, owner_id: 2 })` return?',
    choices: ['`{"amount_cents":5,"owner_id":2}`', '`{"amount_cents":5}`', 'it throws a `ZodError`'],
    answer: '`{"amount_cents":5}`',
    explanation:
      '`z.object()` drops unknown keys without a word, as a Django form ignores fields it does not declare. `z.strictObject()` reports `owner_id` as an unknown key instead, which is this guide’s rule for request bodies.',
  },
  {
    id: 'string-cents',
    question:
      '`POST /invoices` with `Content-Type: application/json` and the body `{"customer_id": 1, "amount_cents": "100", "currency": "EUR"}`. What status does the chapter’s handler answer?',
    choices: ['201', '400', '415', '422'],
    answer: '422',
    explanation:
      'The body is valid JSON, so it was read; the schema refuses a string where it asks for an integer. 400 is kept for what could not be read (empty, not UTF-8, not JSON). A Django form would have turned `"100"` into 100.',
  },
  {
    id: 'repeated-key',
    question: 'For the query string `?status=sent&status=paid`, what does `new URLSearchParams(query).get("status")` return?',
    choices: ['`"sent"` (a string)', '`"paid"` (a string)', '`["sent","paid"]`', '`null`'],
    answer: '`"sent"` (a string)',
    explanation:
      '`URLSearchParams.get()` returns the first value of a repeated key, while Django’s `request.GET.get()` returns the last. Decide per parameter: `getAll()` for a list, a 422 for a repeated `page`.',
  },
]);
