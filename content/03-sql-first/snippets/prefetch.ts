/** prefetch_related(), by hand: two queries, whatever the count. */
import type { Db } from '#lib/db';
import { invoicesForOwner, itemsForInvoices } from './billing.queries.ts';

// #region prefetch
export async function invoicesWithItems(db: Db, ownerId: number) {
  const invoices = await invoicesForOwner(db, { ownerId });
  const items = await itemsForInvoices(db, {
    invoiceIds: invoices.map((i) => i.id),
  });
  const byInvoice = Map.groupBy(items, (item) => item.invoice_id);
  return Object.fromEntries(
    invoices.map((inv) => [
      inv.number,
      (byInvoice.get(inv.id) ?? []).map((item) => item.description),
    ]),
  );
}
// #endregion
