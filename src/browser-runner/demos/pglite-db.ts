/**
 * The `Db` of #lib/db (node-postgres' `query(text, values)`) over a PGlite
 * instance, for demos: the same adapter in the Web Worker and in the
 * snippet test, so the test runs the code path the reader's browser runs.
 *
 * Not node-postgres itself: a demo only needs `query`, and pg (with its
 * Buffer and events polyfills) would more than double a demo's bundle.
 * int8 follows the workbook's convention (parseInt8 in src/lib/db.ts, not
 * imported: that module imports pg): a number, or an error past
 * Number.MAX_SAFE_INTEGER instead of PGlite's BigInt.
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import type { Db, QueryResult } from '#lib/db';

const INT8 = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is beyond Number.MAX_SAFE_INTEGER: select it as ::text (or parse it with BigInt)`);
  }
  return value;
}

export function pgliteDb(lite: Pick<PGliteInterface, 'query'>): Db {
  return {
    async query<Row>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await lite.query<Row>(text, values ? [...values] : [], { parsers: { [INT8]: parseInt8 } });
      // node-postgres' rowCount: rows returned by a SELECT, rows changed otherwise.
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
    },
  };
}
