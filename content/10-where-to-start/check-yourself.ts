/**
 * Chapter 10's "Check yourself" questions. Each answer is asserted by
 * test/snippets/10-where-to-start.check-yourself.test.ts, against the
 * chapter's proxy and comparison snippets and the responses recorded from
 * the real Django view.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'prefix-boundary',
    question:
      'The strangler sends `GET` requests under the prefix `/api/expenses/` to the TypeScript service at 100 %. Which side answers `GET /api/expenses-report/`?',
    choices: ['the TypeScript service', 'Django'],
    answer: 'Django',
    explanation:
      'The prefix ends in `/`, so it matches whole segments: `/api/expenses-report/` does not start with `/api/expenses/`. Anything no route matches, a `POST` to the same path included, stays with Django.',
  },
  {
    id: 'raise-share',
    question:
      'A user is served by the TypeScript service while the route is at 10 %. The share is raised to 50 %. Who serves that user now?',
    choices: ['the TypeScript service, always', 'either side: the draw is made again', 'Django, until their session ends'],
    answer: 'the TypeScript service, always',
    explanation:
      'The side comes from a stable hash of the session (`bucket(key) < percent`), not `Math.random()`. A bucket below 10 is also below 50, so raising the share only adds users to the new side.',
  },
  {
    id: 'shadow-wait',
    question:
      'A `GET` is shadowed: Django answers in 20 ms, and the TypeScript copy takes 5 seconds. Which finishes first, the user’s response or the comparison of the two answers?',
    choices: ['the user’s response: it never waits for the new side', 'the comparison: the response waits for both answers'],
    answer: 'the user’s response: it never waits for the new side',
    explanation:
      '`shadow` returns Django’s response at once and runs the comparison without awaiting it, so a slow or crashing new service becomes a reported difference, never a slower page. The cost is in memory: pending comparisons pile up while the new side is slow.',
  },
  {
    id: 'django-microsecond',
    question:
      'An expense’s `spent_at` is `2026-01-26 07:00:00.000001+00:00`, one microsecond past the second. What does Django’s `JsonResponse` write for it?',
    choices: [
      '`"2026-01-26T07:00:00Z"`',
      '`"2026-01-26T07:00:00.000Z"`',
      '`"2026-01-26T07:00:00.000001Z"`',
      '`"2026-01-26T07:00:00.000001+00:00"`',
    ],
    answer: '`"2026-01-26T07:00:00.000Z"`',
    explanation:
      '`DjangoJSONEncoder` cuts `isoformat()` to milliseconds and writes `+00:00` as `Z`, so the microsecond leaves `.000`. With no microseconds at all there is no fraction (`07:00:00Z`), while JavaScript’s `toISOString()` always writes `.000Z`. A port must match both.',
  },
]);
