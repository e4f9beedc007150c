import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayWrite } from '../../src/browser-runner/twins/database-writes.ts';

describe('mayWrite: which statements make the browser twin restore the seed', () => {
  it.each([
    'SELECT id, number FROM billing_invoice WHERE id = $1 AND owner_id = $2',
    '  select count(*)::int AS n from billing_invoice',
    'WITH t AS (SELECT 1 AS x) SELECT x FROM t',
    '(SELECT 1) UNION (SELECT 2)',
    '/* the owner */ SELECT 1',
    'SHOW TimeZone',
    'VALUES (1), (2)',
  ])('lets a read through: %s', (sql) => {
    expect(mayWrite(sql)).toBe(false);
  });

  it.each([
    "INSERT INTO billing_invoice (number) VALUES ('X')",
    'UPDATE billing_invoice SET status = $1',
    'DELETE FROM billing_lineitem',
    'WITH gone AS (DELETE FROM billing_lineitem RETURNING id) SELECT count(*) FROM gone',
    'SELECT * FROM billing_invoice FOR UPDATE',
    "SELECT nextval('billing_invoice_id_seq')",
    "SELECT setval('billing_invoice_id_seq', 9)",
    "SELECT set_config('TimeZone', 'UTC', false)",
    'SELECT pg_advisory_lock(1)',
    'SELECT 1 INTO TEMP t',
    'BEGIN',
    'COMMIT',
    'SET TimeZone = \'UTC\'',
    'CREATE TEMP TABLE t (x int)',
    '-- SELECT\nDELETE FROM billing_invoice',
    '/* SELECT */ TRUNCATE billing_invoice',
    'SELECT 1; DELETE FROM billing_invoice',
    '',
  ])('counts as a possible write: %s', (sql) => {
    expect(mayWrite(sql)).toBe(true);
  });

  it('counts any statement naming a writing word as a possible write, wherever the word is and however it is cased', () => {
    const words = ['insert', 'update', 'delete', 'truncate', 'nextval', 'setval', 'set_config', 'begin', 'commit', 'rollback', 'lock', 'copy', 'drop', 'alter', 'create'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.boolean(), fc.nat(3), (word, upper, where) => {
        const w = upper ? word.toUpperCase() : word;
        const sql = [`SELECT ${w} FROM t`, `SELECT a FROM t WHERE b = '${w}'`, `WITH x AS (SELECT 1) SELECT ${w}(1)`, `SELECT 1 -- fine\n; ${w} t`][where]!;
        return mayWrite(sql);
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });
});
