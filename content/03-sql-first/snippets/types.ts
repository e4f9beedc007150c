/** What node-postgres hands you, and turning it into honest JSON. */
import type { Db } from '#lib/db';
import { customersWithInvoices, invoiceStats, openInvoicesPerCustomer } from './billing.queries.ts';

// #region convert
export async function stats(db: Db, ownerId: number) {
  const row = await invoiceStats(db, { ownerId });
  if (!row) throw new Error('an aggregate always returns one row');
  return {
    // int8 (count, sum of an integer column) is a checked number through
    // createPool; numeric is still a string: convert that on purpose.
    invoices: row.invoices ?? 0,
    totalCents: row.total_cents ?? 0,
    // avg() is numeric with many decimals: round to a whole cent.
    averageCents: Math.round(Number(row.average_cents ?? 0)),
    // A `date` became a Date at local midnight. Format it locally.
    firstIssued: row.first_issued && localDate(row.first_issued),
  };
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
// #endregion

// #region left_join
export async function customerStatuses(db: Db, ownerId: number) {
  const rows = await customersWithInvoices(db, { ownerId });
  // status is `string | null`: the compiler makes you handle the
  // customer that has no invoice yet.
  return rows.map((r) => `${r.name}: ${r.status ?? '(no invoices)'}`);
}
// #endregion

export async function openPerCustomer(db: Db, ownerId: number) {
  const rows = await openInvoicesPerCustomer(db, { ownerId });
  return rows.map((r) => ({ name: r.name, open: r.open }));
}
