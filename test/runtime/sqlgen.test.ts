/**
 * sqlgen turns schema drift into errors before anything runs: a renamed
 * column fails generation with a message naming file, line, query and
 * column; a renamed result column fails the type-check of the caller.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { generate, parseQueriesFile, SqlgenError } from '../../src/sqlgen/generate.ts';

const root = resolve(import.meta.dirname, '../..');
const SCHEMA = 'test/fixtures/03-sql-first.schema.sql';
const schemaSql = readFileSync(join(root, SCHEMA), 'utf8');

describe('sqlgen: parsing', () => {
  it('ignores .sql files without queries and refuses queries in a schema file', () => {
    expect(parseQueriesFile('x.sql', 'CREATE TABLE t (id int);')).toBeNull();
    expect(() => parseQueriesFile('a.schema.sql', '-- name: X :one\nSELECT 1')).toThrow(/schema file cannot hold/);
  });

  it('asks for the schema header and for well-formed name lines', () => {
    expect(() => parseQueriesFile('q.sql', '-- name: X :one\nSELECT 1')).toThrow(/q\.sql:1: add a "-- schema:/);
    expect(() => parseQueriesFile('q.sql', `-- schema: ${SCHEMA}\n-- name: X :all\nSELECT 1`)).toThrow(/q\.sql:2: query X: unknown cardinality ":all"/);
    expect(() => parseQueriesFile('q.sql', `-- schema: ${SCHEMA}\n-- name: X :one\nSELECT 1; SELECT 2`)).toThrow(/one statement per query/);
  });
});

describe('sqlgen: schema drift', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('fails generation with file:line, query and column when a column is renamed in the schema', async () => {
    const renamed = schemaSql.replaceAll('total_cents', 'amount_cents');
    expect(renamed).not.toBe(schemaSql);
    const run = generate({
      root,
      files: ['solutions/03-sql-first/scoped-invoice.sql'],
      // The default start loads a cached template keyed by the schema
      // text (about 1 s instead of initdb's 3+), so re-runs stay quick.
      schemaText: () => renamed,
    });
    await expect(run).rejects.toBeInstanceOf(SqlgenError);
    // Line 8 of the .sql file is where i.total_cents is written.
    await expect(run).rejects.toThrow(
      'solutions/03-sql-first/scoped-invoice.sql:8: query InvoiceForOwner: column i.total_cents does not exist',
    );
  }, 60_000);

  it('turns a renamed result column into a type error in the code that reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlgen-'));
    dirs.push(dir);
    // One database for both generations (a `start` database stays open).
    const { seededPglite } = await import('../../src/workbook/testing/pglite-template.ts');
    const db = await seededPglite({ schema: schemaSql, seed: '', tables: [] });
    onTestFinished(() => db.close());
    const query = (column: string) =>
      `-- schema: ${SCHEMA}\n\n-- name: Totals :many\n-- params: ownerId\n` +
      `SELECT id, total_cents AS ${column} FROM billing_invoice WHERE owner_id = $1;\n`;
    // The caller was written against the original column name.
    writeFileSync(
      join(dir, 'caller.ts'),
      `import type { Db } from '#lib/db';\nimport { totals } from './totals.queries.ts';\n` +
        `export async function sum(db: Db): Promise<number> {\n` +
        `  const rows = await totals(db, { ownerId: 1 });\n` +
        `  return rows.reduce((s, r) => s + r.total_cents, 0);\n}\n`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2024', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true,
          allowImportingTsExtensions: true, verbatimModuleSyntax: true, skipLibCheck: true, types: [],
          paths: { '#lib/db': [join(root, 'src/lib/db.ts')] },
        },
        include: ['*.ts'],
      }),
    );
    const tsc = async () => {
      try {
        await promisify(execFile)(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir });
        return '';
      } catch (error) {
        return String((error as { stdout?: string }).stdout);
      }
    };
    const emit = async (column: string) => {
      writeFileSync(join(dir, 'totals.sql'), query(column));
      const [file] = await generate({ root: dir, files: ['totals.sql'], schemaText: () => schemaSql, start: async () => db });
      writeFileSync(join(dir, 'totals.queries.ts'), file!.content);
    };

    await emit('total_cents');
    expect(await tsc()).toBe('');

    await emit('amount_cents');
    expect(await tsc()).toMatch(/caller\.ts.*Property 'total_cents' does not exist on type 'TotalsRow'/);
  }, 60_000);
});
