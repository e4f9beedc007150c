/**
 * Chapter 12: the CI check that the table and the code agree. Each service
 * declares the columns it reads and writes; the check compares them with
 * the database the migrations built, and lists every difference.
 */
import type { Db } from '#lib/db';

// #region drift
/** What the code expects of one column: its SQL type and whether it may be NULL. */
export type Expected = Record<string, { type: string; nullable: boolean }>;
type Column = { column_name: string; data_type: string; is_nullable: 'YES' | 'NO' };

export async function drift(db: Db, table: string, expected: Expected): Promise<string[]> {
  const { rows } = await db.query<Column>(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  const actual = new Map(rows.map((r) => [r.column_name, r]));
  const problems: string[] = [];
  for (const [column, want] of Object.entries(expected)) {
    const found = actual.get(column);
    const name = `${table}.${column}`;
    if (!found) problems.push(`${name}: missing`);
    else if (found.data_type !== want.type) problems.push(`${name}: expected ${want.type}`);
    else if ((found.is_nullable === 'YES') !== want.nullable) {
      problems.push(`${name}: expected ${want.nullable ? 'nullable' : 'NOT NULL'}`);
    }
  }
  return problems;
}
// #endregion

// #region invoice-columns
/** The columns the TypeScript service's invoice queries use, after the rename. */
export const invoiceColumns: Expected = {
  id: { type: 'bigint', nullable: false },
  number: { type: 'text', nullable: true },
  note: { type: 'text', nullable: false },
  total_cents: { type: 'integer', nullable: false },
};
// #endregion
