/**
 * sqlgen turns schema drift into errors before anything runs: a renamed
 * column fails generation with a message naming file, line, query and
 * column; a renamed result column fails the type-check of the caller.
 * A mistyped or deleted annotation fails too, instead of leaving a stale
 * .queries.ts behind. A learner's run covers only exercises/, and the
 * capstone's schema works like chapter 3's.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { expenseList } from '@exercise/10-where-to-start/port-expense-list';
import { ALL_ROOTS, generate, parseQueriesFile, SqlgenError } from '../../src/sqlgen/generate.ts';
import type { Db } from '../../src/lib/db.ts';
import { ALICE, expenses } from '../fixtures/10-where-to-start.ts';

const root = resolve(import.meta.dirname, '../..');
const SCHEMA = 'test/fixtures/schema/billing.schema.sql';
const schemaSql = readFileSync(join(root, SCHEMA), 'utf8');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scratch repository: `files` maps repository-relative paths to their text. */
function scratchRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sqlgen-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `tsc` over the .ts files of `dir` (with `#lib/db` resolved): '' or the errors. */
async function typeCheck(dir: string): Promise<string> {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2024', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true,
        allowImportingTsExtensions: true, verbatimModuleSyntax: true, skipLibCheck: true, types: [],
        paths: { '#lib/db': [join(root, 'src/lib/db.ts')] },
      },
      include: ['**/*.ts'],
    }),
  );
  try {
    await promisify(execFile)(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

const parse = (body: string) => () => parseQueriesFile('q.sql', `-- schema: ${SCHEMA}\n${body}`);

describe('sqlgen: parsing', () => {
  it('skips schema files and refuses queries in them', () => {
    expect(parseQueriesFile('a.schema.sql', 'CREATE TABLE t (id int);')).toBeNull();
    expect(() => parseQueriesFile('a.schema.sql', 'CREATE TABLE t (id int);\n-- name: X :one\nSELECT 1')).toThrow(/a\.schema\.sql:2: a schema file cannot hold/);
  });

  it('asks for the schema header and for well-formed name lines', () => {
    expect(() => parseQueriesFile('q.sql', '-- name: X :one\nSELECT 1')).toThrow(/q\.sql:1: add a "-- schema:/);
    expect(parse('-- name: X :all\nSELECT 1')).toThrow(/q\.sql:2: query X: unknown cardinality ":all"; use :one, :many or :exec/);
    expect(parse('-- name: X :one\nSELECT 1; SELECT 2')).toThrow(/one statement per query/);
  });

  it('reads "-- params: a, b?" as a parameter that may be null', () => {
    const [query] = parseQueriesFile('q.sql', `-- schema: ${SCHEMA}\n-- name: X :many\n-- params: ownerId, status?\nSELECT $1::int, $2::text`)!.queries;
    expect(query).toMatchObject({ params: ['ownerId', 'status'], nullableParams: ['status'] });
  });
});

// Each of these used to turn the query into an ordinary comment: the
// query vanished and its old generated function stayed importable.
describe('sqlgen: a mistyped or deleted annotation is an error with file, line and the line meant', () => {
  it.each([
    ['a misspelt key', '-- nmae: Totals :one', 'q.sql:2: "-- nmae: Totals :one" is not an annotation; did you mean "-- name: Totals :one"?'],
    ['no space and no cardinality', '--name:Totals', 'q.sql:2: add the cardinality: "-- name: Totals :one" (or :many, :exec)'],
    ['a misspelt cardinality', '-- name: Totals :onee', 'q.sql:2: query Totals: unknown cardinality ":onee"; did you mean "-- name: Totals :one"?'],
    ['a capital N', '-- Name: Totals :many', 'did you mean "-- name: Totals :many"?'],
    ['no colon after name', '-- name Totals :exec', 'did you mean "-- name: Totals :exec"?'],
    ['the colon on the wrong side', '-- name: Totals: one', 'q.sql:2: did you mean "-- name: Totals :one"?'],
  ])('%s', (_label, line, message) => {
    expect(parse(`${line}\nSELECT count(*) FROM billing_invoice`)).toThrow(message);
  });

  it('a misspelt params, nullable or notnull line', () => {
    expect(parse('-- name: X :one\n-- parms: id\nSELECT $1::int')).toThrow('q.sql:3: "-- parms: id" is not an annotation; did you mean "-- params: id"?');
    expect(parse('-- name: X :one\n-- notnul: id\nSELECT 1 AS id')).toThrow('did you mean "-- notnull: id"?');
  });

  it('an annotation below the SQL, where it would change nothing', () => {
    expect(parse('-- name: X :one\nSELECT $1::int AS id\n-- params: id')).toThrow('q.sql:4: "-- params:" belongs directly under the "-- name:" line');
    // Its "-- name:" line deleted, the annotations are the first thing left.
    expect(parse('-- params: id\nSELECT $1::int AS id')).toThrow('q.sql:2: "-- params:" has no query: put "-- name: QueryName :one"');
  });

  it('SQL whose "-- name:" line was deleted, before or between queries', () => {
    expect(parse('\nSELECT 1;\n-- name: Y :one\nSELECT 2')).toThrow('q.sql:3: this SQL belongs to no query: put "-- name: QueryName :one"');
    // Between queries it would silently join the previous query's SQL.
    expect(parse('-- name: X :one\nSELECT 1;\n\nSELECT 2')).toThrow('q.sql:2: query X: one statement per query');
  });

  it('a file with no query at all, even without SQL', () => {
    expect(() => parseQueriesFile('q.sql', `-- schema: ${SCHEMA}\n-- every query was deleted\n`)).toThrow('q.sql:1: no query here');
    expect(() => parseQueriesFile('q.sql', 'CREATE TABLE t (id int);')).toThrow('q.sql:1: this SQL belongs to no query');
  });

  it('leaves ordinary comments alone', () => {
    const file = parseQueriesFile('q.sql', `-- schema: ${SCHEMA}\n-- Note: owner-scoped.\n-- name: X :one\n-- TODO: join the customer\n-- params are named in order\nSELECT 1 AS one`)!;
    expect(file.queries[0]!.doc).toEqual(['TODO: join the customer', 'params are named in order']);
  });
});

describe('sqlgen: which files', () => {
  let db: PGlite;
  beforeAll(async () => {
    const { seededPglite } = await import('../../src/workbook/testing/pglite-template.ts');
    db = await seededPglite({ schema: schemaSql, seed: '', tables: [] });
  }, 60_000);
  afterAll(() => db?.close());
  const query = `-- schema: ${SCHEMA}\n-- name: Count :one\nSELECT count(*)::int AS n FROM billing_invoice\n`;
  const run = (dir: string, roots?: readonly string[]) =>
    generate({ root: dir, ...(roots ? { roots } : {}), schemaText: () => schemaSql, start: async () => db });

  it('a learner run covers exercises/ only; ALL_ROOTS adds solutions/, content/ and test/', async () => {
    const dir = scratchRepo({ 'exercises/c/q.sql': query, 'solutions/c/q.sql': query, 'content/c/q.sql': query, 'test/fixtures/x.schema.sql': schemaSql });
    expect((await run(dir)).map((g) => g.output)).toEqual(['exercises/c/q.queries.ts']);
    expect((await run(dir, ALL_ROOTS)).map((g) => g.output)).toEqual(['content/c/q.queries.ts', 'exercises/c/q.queries.ts', 'solutions/c/q.queries.ts']);
  });

  it('a .sql whose annotations were all deleted fails, naming it, instead of leaving its .queries.ts stale', async () => {
    const dir = scratchRepo({ 'exercises/c/q.sql': query });
    const [generated] = await run(dir);
    writeFileSync(join(dir, generated!.output), generated!.content);
    writeFileSync(join(dir, 'exercises/c/q.sql'), query.replace(/^-- name:.*\n/m, ''));
    await expect(run(dir)).rejects.toThrow('exercises/c/q.sql:2: this SQL belongs to no query');
  });

  it('a generated file whose .sql is gone fails, naming it', async () => {
    const dir = scratchRepo({ 'exercises/c/q.sql': query });
    const [generated] = await run(dir);
    writeFileSync(join(dir, generated!.output), generated!.content);
    rmSync(join(dir, 'exercises/c/q.sql'));
    await expect(run(dir)).rejects.toThrow('exercises/c/q.queries.ts: generated from q.sql, which is missing');
  });

  it('a schema path that does not exist suggests the nearest one', async () => {
    const dir = scratchRepo({ 'exercises/c/q.sql': query.replace(SCHEMA, 'test/fixtures/schema/bill.schema.sql'), [SCHEMA]: schemaSql });
    await expect(generate({ root: dir, start: async () => db })).rejects.toThrow(
      `exercises/c/q.sql:1: schema test/fixtures/schema/bill.schema.sql does not exist (paths are relative to the repository root); did you mean "-- schema: ${SCHEMA}"?`,
    );
  });
});

describe('sqlgen: schema drift', () => {
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
    // One database for both generations (a `start` database stays open).
    const { seededPglite } = await import('../../src/workbook/testing/pglite-template.ts');
    const db = await seededPglite({ schema: schemaSql, seed: '', tables: [] });
    onTestFinished(() => db.close());
    const query = (column: string) =>
      `-- schema: ${SCHEMA}\n\n-- name: Totals :many\n-- params: ownerId\n` +
      `SELECT id, total_cents AS ${column} FROM billing_invoice WHERE owner_id = $1;\n`;
    // The caller was written against the original column name.
    const dir = scratchRepo({
      'caller.ts':
        `import type { Db } from '#lib/db';\nimport { totals } from './totals.queries.ts';\n` +
        `export async function sum(db: Db): Promise<number> {\n` +
        `  const rows = await totals(db, { ownerId: 1 });\n` +
        `  return rows.reduce((s, r) => s + r.total_cents, 0);\n}\n`,
    });
    const emit = async (column: string) => {
      writeFileSync(join(dir, 'totals.sql'), query(column));
      const [file] = await generate({ root: dir, files: ['totals.sql'], schemaText: () => schemaSql, start: async () => db });
      writeFileSync(join(dir, 'totals.queries.ts'), file!.content);
    };

    await emit('total_cents');
    expect(await typeCheck(dir)).toBe('');

    await emit('amount_cents');
    expect(await typeCheck(dir)).toMatch(/caller\.ts.*Property 'total_cents' does not exist on type 'TotalsRow'/);
  }, 60_000);
});

// The capstone allows SQL-first queries (its brief says how). This is a
// learner's port-expense-list.sql, cut down to what the test needs: the
// optional filters are nullable parameters ("status?") that a NULL
// switches off, so one static statement serves every request.
const CAPSTONE_SQL = `-- schema: test/fixtures/schema/expenses.schema.sql

-- name: CountExpenses :one
-- params: ownerId, status?, uncategorised
-- notnull: count
SELECT count(*)::int AS count FROM expenses_expense e
 WHERE e.owner_id = $1 AND ($2::text IS NULL OR e.status = $2) AND (NOT $3::boolean OR e.category_id IS NULL);

-- name: ExpensePage :many
-- params: ownerId, status?, uncategorised, limit, offset
-- notnull: amount
-- nullable: category_name
SELECT e.id, e.amount::text AS amount, c.name AS category_name
  FROM expenses_expense e LEFT JOIN expenses_category c ON c.id = e.category_id
 WHERE e.owner_id = $1 AND ($2::text IS NULL OR e.status = $2) AND (NOT $3::boolean OR e.category_id IS NULL)
 ORDER BY e.spent_at DESC, e.id DESC
 LIMIT $4 OFFSET $5;
`;

describe('sqlgen: the capstone (exercises/10-where-to-start/port-expense-list.sql)', () => {
  it('generates from the capstone schema, type-checks its caller, and answers like the reference', async () => {
    const dir = scratchRepo({ 'exercises/10-where-to-start/port-expense-list.sql': CAPSTONE_SQL });
    mkdirSync(join(dir, 'test/fixtures/schema'), { recursive: true });
    copyFileSync(join(root, 'test/fixtures/schema/expenses.schema.sql'), join(dir, 'test/fixtures/schema/expenses.schema.sql'));
    // The graders' seeded capstone database: the schema is already loaded.
    const { seededPglite } = await import('../../src/workbook/testing/pglite-template.ts');
    const lite = await seededPglite(expenses);
    onTestFinished(() => lite.close());

    // A learner's `npm run sqlgen`: the default (learner) scope finds it.
    const generated = await generate({ root: dir, start: async () => lite });
    expect(generated.map((g) => g.output)).toEqual(['exercises/10-where-to-start/port-expense-list.queries.ts']);
    const modulePath = join(dir, generated[0]!.output);
    writeFileSync(modulePath, generated[0]!.content);

    // What the handler would write: null switches a filter off, and the
    // types say which parameters may be null and which columns are.
    writeFileSync(
      join(dir, 'exercises/10-where-to-start/caller.ts'),
      `import type { Db } from '#lib/db';\nimport { countExpenses, expensePage } from './port-expense-list.queries.ts';\n` +
        `export async function page(db: Db, status: string | null): Promise<string[]> {\n` +
        `  const filters = { ownerId: 1, status, uncategorised: false };\n` +
        `  const total: number = (await countExpenses(db, filters))!.count;\n` +
        `  const rows = await expensePage(db, { ...filters, limit: 20, offset: 0 });\n` +
        `  return rows.map((r) => \`\${total} \${r.id} \${r.amount.padStart(8)} \${r.category_name ?? 'none'}\`);\n}\n`,
    );
    expect(await typeCheck(dir)).toBe('');
    expect(generated[0]!.content).toMatch(/status: string \| null;/);

    // And at run time: the same rows, in the same order, as the reference.
    const { countExpenses, expensePage } = await import(modulePath);
    const db: Db = { query: async (text, values) => ({ rows: (await lite.query(text, values as unknown[])).rows as never[], rowCount: null }) };
    const reference = expenseList({ db });
    for (const [query, filters] of [
      ['', { status: null, uncategorised: false }],
      ['status=approved', { status: 'approved', uncategorised: false }],
      ['category=none', { status: null, uncategorised: true }],
    ] as const) {
      const res = await reference(new Request(`http://test/api/expenses/?per_page=100&${query}`), { user: { id: ALICE } });
      const body = (await res.json()) as { count: number; results: { id: number; amount: string }[] };
      const params = { ownerId: ALICE, ...filters };
      expect((await countExpenses(db, params)).count, query).toBe(body.count);
      const rows = await expensePage(db, { ...params, limit: 100, offset: 0 });
      expect(rows.map((r: { id: number; amount: string }) => [r.id, r.amount]), query).toEqual(body.results.map((r) => [r.id, r.amount]));
    }
  }, 60_000);
});
