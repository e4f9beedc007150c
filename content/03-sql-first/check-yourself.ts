/**
 * Chapter 3's "Check yourself" questions. Each answer is asserted by
 * test/snippets/03-sql-first.check-yourself.test.ts on real Postgres (PGlite).
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'plain-pool-id',
    question:
      '`isThisInvoice(db, id)` reads an invoice by its `bigint` id and returns `row.id === id`. Through a plain `new pg.Pool()`, what does it return for an invoice that exists?',
    choices: ['`true`', '`false`', 'it throws'],
    answer: '`false`',
    explanation:
      'node-postgres’ default parsers return `bigint` (int8) as a string, so `row.id` is `"3001"` and `"3001" === 3001` is false. Nothing fails. This workbook’s `createPool()` returns a checked number instead, and there the same call returns `true`.',
  },
  {
    id: 'avg-type',
    question:
      'Through this workbook’s pool (int8 as a checked number), what type does `avg(total_cents)` over an `integer` column come back as?',
    choices: ['a `number`', 'a `string`', 'a `bigint`'],
    answer: 'a `string`',
    explanation:
      '`avg()` of an integer column is `numeric`, and node-postgres returns `numeric` as a string with every digit kept, whatever the pool does with int8. Convert it once, on purpose; never `parseFloat` money.',
  },
  {
    id: 'unique-status',
    question: '`createInvoice` is given an invoice number that the owner already has (a `UNIQUE` constraint). What status does it return?',
    choices: ['201', '409', '422', '500'],
    answer: '409',
    explanation:
      'Postgres reports SQLSTATE `23505` (unique_violation) in `error.code`, and `statusFor` maps it to 409: the client chose a clashing number. A foreign key or CHECK failure would be 422, anything else a 500.',
  },
  {
    id: 'rollback',
    question:
      'One of the new invoice’s line items has quantity 0, which a CHECK constraint refuses. The invoice row was inserted first, in the same `withTransaction`. What is left in the database?',
    choices: ['the invoice, without that item', 'the invoice and the items before the refused one', 'nothing: no invoice and no items'],
    answer: 'nothing: no invoice and no items',
    explanation:
      'The refused `INSERT` throws inside the callback, `withTransaction` sends `ROLLBACK`, and the invoice inserted earlier on the same connection goes with it. `createInvoice` then answers 422.',
  },
]);
