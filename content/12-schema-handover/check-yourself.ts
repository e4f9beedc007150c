/**
 * Chapter 12's "Check yourself" questions. Each answer is asserted by
 * test/snippets/12-schema-handover.check-yourself.test.ts against the
 * chapter's migrations, run by node-pg-migrate on PGlite.
 */
import { questions } from '../../src/components/check-yourself.ts';

export default questions([
  {
    id: 'default-before-trigger',
    question:
      'After the expand, the new code inserts an invoice naming only `note`, set to `Net 30`. `memo` is `NOT NULL DEFAULT \'\'`. What does the old code read in `memo`?',
    choices: ['`Net 30`', 'an empty string, the default', 'nothing: the insert fails on `memo`'],
    answer: '`Net 30`',
    explanation:
      'Postgres fills in column defaults before a `BEFORE` trigger sees the row, so `NEW.memo` is already `\'\'`, not NULL. That is why the trigger copies `note` into `memo` whenever `note` is given, instead of testing `memo` for NULL: with the test, the old code would read an empty memo.',
  },
  {
    id: 'backfill-statements',
    question: '`backfillNotes(db, 2)` runs on a table where three invoices have no `note` yet. How many `UPDATE` statements does it send?',
    choices: ['1', '2', '3', '4'],
    answer: '3',
    explanation:
      'Two batches change rows (two, then one), and a third finds nothing left, which is how the loop knows it is done. Each is its own statement and its own transaction, so writers wait at most one batch.',
  },
  {
    id: 'contract-down',
    question:
      'The contract’s .sql file has no `-- Down Migration` section. After it has run, you call `migrate(client, \'down\', 1)`. What happens?',
    choices: ['node-pg-migrate refuses with an error and changes nothing', 'it marks the contract as undone and changes nothing', 'it re-creates `memo`, empty'],
    answer: 'node-pg-migrate refuses with an error and changes nothing',
    explanation:
      'A .sql migration without a down section is irreversible to node-pg-migrate: it throws before it touches the schema or its `pgmigrations` table. Once `memo` is dropped, the way out of a bad contract is forward, with a new migration.',
  },
  {
    id: 'insert-only-trigger',
    question:
      'Suppose the sync trigger fired on `INSERT` only. After the backfill, the old code runs `UPDATE billing_invoice SET memo = \'Paid\' WHERE id = …`. What does the new code read in `note` for that invoice?',
    choices: ['`Paid`', 'the memo from before the update', 'NULL'],
    answer: 'the memo from before the update',
    explanation:
      'The backfill copied the old memo, and nothing copies the update. No error, no NULL to notice: the two columns silently disagree, and the new code serves stale data until someone compares them. The trigger has to fire on `UPDATE` too.',
  },
]);
