/**
 * Chapter 1's "Check yourself" questions. Each answer is asserted by
 * test/snippets/01-shape-of-a-service.check-yourself.test.ts against the
 * chapter's own snippets.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'inherited-key',
    question: '`hello` looks the language up in a `Map`. What status does `GET /hello?lang=toString` get?',
    choices: ['200', '400', '500'],
    answer: '400',
    explanation:
      'A `Map` holds only the keys put in it, so `toString` is an unknown language and the handler answers 400 `unknown_lang`. With an object literal the lookup would find the inherited `toString` function instead of `undefined`.',
  },
  {
    id: 'number-hex',
    question: 'The lenient `parseIdLoosely` calls `Number(raw)`. What does it return for the path segment `"0x10"`?',
    choices: ['`null`', '`0`', '`10`', '`16`'],
    answer: '`16`',
    explanation:
      '`Number()` follows the rules for numeric literals, so hexadecimal is accepted: `"0x10"` is 16, an integer above zero, and the loose parser hands it on as an id. The strict `parseId` allows decimal digits only and returns `null`.',
  },
  {
    id: 'not-yours',
    question: 'Alice asks `customerDetail` for a customer that exists but belongs to Bob. What status does she get?',
    choices: ['200', '403', '404', '500'],
    answer: '404',
    explanation:
      'The owner is part of the `WHERE` clause, so Bob’s customer and a missing one give the same empty result and the same 404 body. A 403 would tell her the id exists.',
  },
  {
    id: 'count-type',
    question:
      'Without the `::int` cast, what does node-postgres (with its default type parsers) return for `SELECT count(*) AS n` over four rows?',
    choices: ['`4` (a number)', '`"4"` (a string)', '`4n` (a bigint)'],
    answer: '`"4"` (a string)',
    explanation:
      '`count()` returns a Postgres `bigint`, and node-postgres gives `bigint` values back as strings because a JavaScript number cannot hold all of them exactly. `count(*)::int` turns it into a number.',
  },
]);
