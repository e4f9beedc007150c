/**
 * Django's DDL (test/fixtures/schema/*.schema.sql, generated from the migrations)
 * as pg-mem can load it. PGlite loads the files unchanged; pg-mem's parser
 * refuses two things Django always writes, so for pg-mem only:
 *
 * 1. `… FOREIGN KEY … DEFERRABLE INITIALLY DEFERRED` loses the DEFERRABLE
 *    clause: pg-mem checks the key at each statement instead of at COMMIT.
 *    The difference shows only inside a multi-statement transaction (a row
 *    inserted before the row it references), and pg-mem has no transactions
 *    across calls anyway: exercises with transactions are graded on PGlite.
 * 2. `CREATE INDEX … (col varchar_pattern_ops)`, the index Django adds for
 *    `LIKE 'prefix%'` on a unique varchar (auth_user.username), is dropped:
 *    it changes speed, never results, and pg-mem has no planner to use it.
 * 3. The plain one-column indexes Django puts on every foreign key
 *    (`CREATE INDEX billing_invoice_owner_id_… ON billing_invoice USING
 *    btree (owner_id)`) are dropped too, for results: pg-mem answers
 *    `owner_id = ANY($1)` on an indexed column with no rows at all
 *    (oguimbal/pg-mem#338), so a correct batched query would fail there.
 *    An index never changes what a query returns on Postgres.
 *
 * Nothing else changes: identity columns, named CHECK, UNIQUE and PRIMARY
 * KEY constraints (pg-mem's ANY bug stays on those columns, as it always
 * was), defaults and the foreign keys themselves. Any other statement
 * pg-mem cannot load still fails loudly when the engine starts.
 */
const DEFERRABLE = /\s+DEFERRABLE\s+INITIALLY\s+DEFERRED(?=\s*;)/g;
const PATTERN_OPS_INDEX = /^CREATE (UNIQUE )?INDEX \w+ ON [\w.]+ USING btree \(\w+ (varchar|text)_pattern_ops\);\n?/gm;
const PLAIN_INDEX = /^CREATE INDEX \w+ ON [\w.]+ USING btree \(\w+\);\n?/gm;

export interface PgMemSchema {
  sql: string;
  /** What was taken out or weakened, one line each, for tests and error messages. */
  changes: string[];
}

export function schemaForPgMem(ddl: string): PgMemSchema {
  const changes: string[] = [];
  const sql = ddl
    .replace(PATTERN_OPS_INDEX, (statement) => {
      changes.push(`dropped: ${statement.trim()}`);
      return '';
    })
    .replace(PLAIN_INDEX, (statement) => {
      changes.push(`dropped: ${statement.trim()}`);
      return '';
    })
    .replace(DEFERRABLE, (clause, offset: number, whole: string) => {
      const name = /ADD CONSTRAINT (\w+)[^;]*$/.exec(whole.slice(0, offset))?.[1] ?? 'a foreign key';
      changes.push(`not deferrable: ${name}`);
      return '';
    });
  return { sql, changes };
}
