/** bigint ids through node-postgres: what its default parsers return, and the workbook's convention. */
import type { Db } from '#lib/db';

// #region read
export async function invoiceWithItemCount(db: Db, invoiceId: number) {
  const { rows } = await db.query(
    `SELECT i.id, i.owner_id, (SELECT count(*) FROM billing_lineitem li WHERE li.invoice_id = i.id) AS items
       FROM billing_invoice i WHERE i.id = $1`,
    [invoiceId],
  );
  return rows[0];
  // a plain new pg.Pool():        { id: '3001', owner_id: 101, items: '2' }
  // createPool() from #lib/db:    { id: 3001, owner_id: 101, items: 2 }
}
// #endregion

// #region classic
/** With a plain pg.Pool this is false for every invoice, and nothing fails: '3001' === 3001. */
export async function isThisInvoice(db: Db, invoiceId: number): Promise<boolean> {
  const row = await invoiceWithItemCount(db, invoiceId);
  return row?.id === invoiceId;
}
// #endregion
