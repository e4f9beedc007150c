/** transaction.atomic and IntegrityError, node-postgres style. */
import type { Db } from '#lib/db';
import { insertInvoice, insertLineItem } from './billing.queries.ts';

export interface PoolClient extends Db {
  release(err?: Error | boolean): void;
}
export interface Pool extends Db {
  connect(): Promise<PoolClient>;
}

// #region helper
export async function withTransaction<T>(
  pool: Pool,
  fn: (client: Db) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch {
      client.release(true); // broken connection: discard it
    }
    throw error;
  }
}
// #endregion

// #region map
export function statusFor(error: unknown): number | null {
  switch ((error as { code?: string } | null)?.code) {
    case '23505': return 409; // unique_violation
    case '23503': return 422; // foreign_key_violation
    case '23514': return 422; // check_violation
    default: return null; // not ours to explain: a 500
  }
}
// #endregion

export interface Item {
  description: string;
  quantity: number;
  unitPriceCents: number;
}

// #region use
export async function createInvoice(
  pool: Pool, ownerId: number, customerId: number,
  number: string, issuedOn: string, items: Item[],
) {
  const totalCents = items.reduce(
    (sum, i) => sum + i.quantity * i.unitPriceCents, 0);
  try {
    const id = await withTransaction(pool, async (db) => {
      const row = await insertInvoice(db, {
        ownerId, customerId, number, issuedOn, totalCents,
      });
      // No row: the customer is missing or not this owner's.
      if (!row) throw Object.assign(new Error(), { code: '23503' });
      for (const item of items) {
        await insertLineItem(db, { invoiceId: row.id, ...item });
      }
      return row.id;
    });
    return { status: 201, id };
  } catch (error) {
    const status = statusFor(error);
    if (status === null) throw error;
    return { status, id: null };
  }
}
// #endregion
