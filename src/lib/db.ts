/**
 * The workbook's database module (`#lib/db`): the one database type
 * learner code depends on, and the one place a pool is made.
 *
 * Ids are `bigint` in a Django database (BigAutoField), and node-postgres
 * returns int8 — ids, `count(*)`, `sum()` of integers — as a string,
 * because a double cannot hold every int8. The workbook's convention:
 * every pool is made by createPool(), whose parser turns int8 into a
 * `number` and throws past Number.MAX_SAFE_INTEGER (2^53 − 1) instead of
 * rounding. Rows then carry ids as numbers, as Django's do, and JSON shows
 * them as Django's JsonResponse does. The price: a value past 2^53 − 1 (no
 * id sequence gets there; a sum of cents could) makes the query fail, and
 * code that makes its own pg.Pool or pg.Client (a script, a library) gets
 * strings again. The graders' in-memory databases follow the same
 * convention (src/workbook/testing/engines.ts).
 */
import pg from 'pg';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

/** The `query(text, values)` half of node-postgres' Pool and Client: what handlers receive. */
export interface Db {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>>;
}

// #region parseInt8
/** int8 text → number, exact or not at all. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is beyond Number.MAX_SAFE_INTEGER: select it as ::text (or parse it with BigInt)`);
  }
  return value;
}
// #endregion

const INT8 = 20;
const INT8_ARRAY = 1016;

/** node-postgres' type parsers, but int8 (and int8[]) through parseInt8. */
export const workbookTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === INT8) return parseInt8;
    if (format !== 'binary' && oid === INT8_ARRAY) {
      // pg-types parses int8[] to strings; its TypeId enum does not list array OIDs.
      const getParser = pg.types.getTypeParser as (oid: number, format: 'text') => (text: string) => (string | null)[];
      const strings = getParser(INT8_ARRAY, 'text');
      return (text: string) => strings(text).map((v) => (v === null ? null : parseInt8(v)));
    }
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

// #region createPool
/** A pg.Pool that returns int8 as checked numbers: the only way the workbook makes one. */
export function createPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, types: workbookTypes });
}
// #endregion
