/**
 * Seeds set explicit ids (users 101…, customers 201…, invoices 3001…) so
 * that ids never coincide across tables, then move each serial column's
 * sequence past them, in Postgres' own words:
 *
 *   SELECT setval(pg_get_serial_sequence('auth_user', 'id'), 102);
 *
 * PGlite runs that as written. pg-mem has neither the function nor a named
 * sequence behind `serial` (it keeps a counter per table), so for pg-mem
 * those statements are taken out of the seed and applied to that counter:
 * both engines then give the next inserted row the same id.
 */
import type { IMemoryDb } from 'pg-mem';

const SETVAL = /SELECT\s+setval\s*\(\s*pg_get_serial_sequence\s*\(\s*'(\w+)'\s*,\s*'(\w+)'\s*\)\s*,\s*(\d+)\s*\)\s*;/gi;

export interface SerialPosition {
  table: string;
  column: string;
  /** The last value handed out: the next row gets this + 1 (setval's two-argument form). */
  last: number;
}

/** Splits a seed into the SQL pg-mem can run and the serial positions it cannot set by SQL. */
export function splitSetvals(seed: string): { sql: string; positions: SerialPosition[] } {
  const positions: SerialPosition[] = [];
  const sql = seed.replace(SETVAL, (_all, table: string, column: string, last: string) => {
    positions.push({ table, column, last: Number(last) });
    return '';
  });
  return { sql, positions };
}

/**
 * Moves pg-mem's serial counters (pg-mem 3: MemoryTable keeps them in the
 * transaction data under its `serialsId` symbol; the next insert takes
 * counter + 1). Throws if pg-mem changes that, rather than numbering rows
 * differently from Postgres.
 */
export function setPgMemSerials(db: IMemoryDb, positions: readonly SerialPosition[]): void {
  const data = (db as unknown as { data?: { getMap(key: symbol): any; set(key: symbol, value: unknown): void } }).data;
  for (const { table, column, last } of positions) {
    const t = db.public.getTable(table) as unknown as { serialsId?: symbol };
    const serials = t.serialsId && data?.getMap(t.serialsId);
    if (!serials || !data || typeof serials.has !== 'function' || !serials.has(column)) {
      throw new Error(`pg-mem: cannot set the serial counter of ${table}.${column} (pg-mem's internals changed; see pg-mem-sequences.ts)`);
    }
    data.set(t.serialsId!, serials.set(column, last));
  }
}
