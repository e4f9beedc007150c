/**
 * Chapter 6's "Check yourself" questions. Each answer is asserted by
 * test/snippets/06-concurrency.check-yourself.test.ts, with a fake clock and
 * the order of events rather than a stopwatch.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'all-duration',
    question:
      'The profile, invoices and notifications calls take 100, 300 and 200 ms. How long after it starts does `concurrent` (the `Promise.all` version) return?',
    choices: ['100 ms', '300 ms', '600 ms'],
    answer: '300 ms',
    explanation:
      'All three promises are already running when `Promise.all` receives them, so the wait is the slowest call. The `sequential` version, one `await` after another, takes the sum: 600 ms.',
  },
  {
    id: 'all-siblings',
    question:
      'In `concurrent`, the profile call fails after 100 ms and `Promise.all` rejects. What happens to the invoices call, due to end at 300 ms?',
    choices: ['it is cancelled at 100 ms', 'it runs to its end at 300 ms, and its result is thrown away', 'it makes `Promise.all` reject a second time'],
    answer: 'it runs to its end at 300 ms, and its result is thrown away',
    explanation:
      '`Promise.all` rejects with the first error and tells nobody to stop; `asyncio.gather` behaves the same. Stopping the siblings takes an `AbortSignal` that every call receives, the errgroup pattern.',
  },
  {
    id: 'errgroup-failure',
    question:
      'The errgroup `dashboard` (one signal per request, a 2 s deadline) calls profile, which fails after 10 ms, and invoices, which would take 1 s. What does it answer, and when?',
    choices: ['502 after 10 ms', '502 after 1000 ms', '500 after 10 ms', '504 after 2000 ms'],
    answer: '502 after 10 ms',
    explanation:
      'The first rejection calls `group.abort(error)`, the invoices call sees its signal abort and stops, and an upstream failure is a 502 (Bad Gateway). Without the shared signal the answer would wait for the slow sibling.',
  },
  {
    id: 'blocking-order',
    question:
      'A report that counts primes in one synchronous loop and a health check arrive back to back on the same Node process, the report first. In what order do these events happen?',
    choices: [
      'report: start, report: done, health: answered',
      'report: start, health: answered, report: done',
      'health: answered, report: start, report: done',
    ],
    answer: 'report: start, report: done, health: answered',
    explanation:
      'The loop runs one callback at a time and the report never reaches an `await`, so the health check waits for it to finish. The yielding version awaits `setImmediate` between chunks and lets the health check in first.',
  },
]);
