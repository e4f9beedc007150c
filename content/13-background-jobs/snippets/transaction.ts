/**
 * Chapter 13: the transaction helper the other snippets share (chapter 3's
 * withTransaction). Tested by test/snippets/13-background-jobs.test.ts.
 */
import type { Db } from 'pg-boss';

export interface Client {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  release(err?: Error | boolean): void;
}
export interface Pool {
  query(text: string, values?: readonly unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  connect(): Promise<Client>;
}

export async function withTransaction<T>(pool: Pool, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

// #region in-transaction
/** pg-boss runs its statements through this: your transaction's client. */
export const inTransaction = (client: Client): { db: Db } => ({
  db: { executeSql: (text, values) => client.query(text, values) },
});
// #endregion
