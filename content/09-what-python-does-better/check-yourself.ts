/**
 * Chapter 9's "Check yourself" questions. Each answer is asserted by
 * test/snippets/09-what-python-does-better.check-yourself.test.ts against
 * the forecast client, with a fake `fetch` in place of the Python service.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'decimal-string',
    question:
      'The Python forecast view starts serialising a `Decimal`, so the body says `"next_month_cents": "152997.00"`. What does `getForecast` do with that 200?',
    choices: [
      'returns `152997` (a number)',
      'returns `"152997.00"` (a string)',
      'rejects with a `ZodError`',
    ],
    answer: 'rejects with a `ZodError`',
    explanation:
      '`Forecast.parse` checks the body at the boundary, and a string is not an integer. A cast such as `as Forecast` would have let the string through to code that adds it.',
  },
  {
    id: 'not-enough-history',
    question: 'The Python service answers 422 (“not enough history”). What does `getForecast` return?',
    choices: ['`null`', 'the JSON error body', 'it throws `forecast service answered 422`'],
    answer: '`null`',
    explanation:
      'A 422 is the one failure the contract defines as an expected answer, so it is a value. The unread body is cancelled first, which releases the connection; every other failure status throws.',
  },
  {
    id: 'hanging',
    question:
      'The Python service accepts the connection and never answers. `getForecast` was called with `timeoutMs: 30` and a caller signal that never aborts. What is the outcome?',
    choices: ['it waits until the service answers', 'it rejects with a `TimeoutError`', 'it rejects with an `AbortError`', 'it returns `null`'],
    answer: 'it rejects with a `TimeoutError`',
    explanation:
      '`AbortSignal.any` combines the caller’s signal with `AbortSignal.timeout(30)`, and the timeout’s reason is a `DOMException` named `TimeoutError`. An abort by the caller would reject with the caller’s own reason instead.',
  },
]);
