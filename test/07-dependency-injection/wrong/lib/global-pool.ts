/**
 * The "global pool" the legacy module imported, for the wrong variants: a
 * module-level database of its own, seeded with the same rows as the
 * grader's, so code that still reads it gets plausible answers and is
 * caught only by what it fails to do to the database it was given.
 */
import type { Db, QueryResult } from '#lib/db';
import { startEngine } from '../../../../src/workbook/testing/engines.ts';
import { billingWithPaidAt } from '../../../fixtures/07-dependency-injection.ts';

const started = startEngine('pg-mem', billingWithPaidAt);

export const pool: Db = {
  async query<Row>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>> {
    return (await started).pool.query(text, values) as Promise<QueryResult<Row>>;
  },
};
