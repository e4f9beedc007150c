/**
 * Chapter 12: the backfill between expand and contract, in batches, each
 * its own statement and its own transaction, so no lock is held for long
 * and writers carry on between batches.
 */
import type { Db } from '#lib/db';

// #region backfill
const BATCH = `
  UPDATE billing_invoice SET note = memo
  WHERE id IN (
    SELECT id FROM billing_invoice
    WHERE note IS NULL
    ORDER BY id
    LIMIT $1
  )`;

export async function backfillNotes(db: Db, batchSize = 1000): Promise<{ batches: number; rows: number }> {
  let batches = 0;
  let rows = 0;
  for (;;) {
    const { rowCount } = await db.query(BATCH, [batchSize]);
    if (!rowCount) return { batches, rows };
    batches += 1;
    rows += rowCount;
  }
}
// #endregion
