/**
 * sqlgen: typed TypeScript functions from annotated `.sql` files, with the
 * types taken from Postgres itself (PGlite, in memory), never guessed.
 *
 * A queries file starts with a header naming its schema, then one or more
 * queries, each introduced by a `-- name:` line (the sqlc convention):
 *
 *     -- schema: test/fixtures/schema/billing.schema.sql
 *
 *     -- name: InvoiceForOwner :one
 *     -- params: id, ownerId
 *     -- nullable: customer_email
 *     SELECT ... WHERE i.id = $1 AND i.owner_id = $2;
 *
 * See src/sqlgen/README.md for the rules and the reasons behind them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { distance, IDENT, parseQueriesFile, SqlgenError, type ParsedQuery, type QueriesFile } from './parse.ts';

export { parseQueriesFile, SqlgenError, type Cardinality, type ParsedQuery, type QueriesFile } from './parse.ts';

export interface Column {
  name: string;
  oid: number;
  nullable: boolean;
}

export interface DescribedQuery extends ParsedQuery {
  paramOids: number[];
  columns: Column[];
}

/**
 * Where `npm run sqlgen` looks. A learner's run covers only their own
 * files (the exercises); `--all` and verify's sqlgen stage also cover the
 * references, the chapters' snippets and the test fixtures.
 */
export const LEARNER_ROOTS: readonly string[] = ['exercises'];
export const ALL_ROOTS: readonly string[] = ['content', 'exercises', 'solutions', 'test'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.astro', '.git']);

/**
 * SQL that is not a query file, so sqlgen leaves it alone: migrations
 * (node-pg-migrate's `.sql` files, chapter 12, live in a `migrations/`
 * folder) and what Django's `sqlmigrate` printed (`*.sqlmigrate.sql`).
 */
const notQueries = (path: string) => path.split('/').includes('migrations') || path.endsWith('.sqlmigrate.sql');

/** Every file ending in `suffix` under the roots (migrations aside), repository-relative, sorted. */
function findFiles(root: string, roots: readonly string[], suffix: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(suffix) && !notQueries(path)) out.push(path);
    }
  };
  for (const dir of roots) if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}

/** Every `.sql` file under the roots, repository-relative, sorted. */
export const findSqlFiles = (root: string, roots: readonly string[] = LEARNER_ROOTS) => findFiles(root, roots, '.sql');

/** Positions Postgres reports are 1-based character offsets into the SQL. */
function lineOf(query: ParsedQuery, position: number | undefined): number {
  if (!position) return query.line;
  return query.sqlLine + (query.sql.slice(0, position - 1).match(/\n/g)?.length ?? 0);
}

interface ProtocolMessage {
  name: string;
  [key: string]: unknown;
}

/**
 * Parse + Describe + Sync on the unnamed statement: parameter OIDs, result
 * columns with their source table and column, or the error Postgres gives.
 */
export async function describe(db: PGlite, file: string, query: ParsedQuery): Promise<DescribedQuery> {
  const { protocol } = await import('@electric-sql/pglite');
  const messages: ProtocolMessage[] = [];
  await db.runExclusive(async () => {
    for (const m of [protocol.serialize.parse({ text: query.sql }), protocol.serialize.describe({ type: 'S' }), protocol.serialize.sync()]) {
      const result = await db.execProtocol(m, { throwOnError: false } as never);
      messages.push(...(result.messages as unknown as ProtocolMessage[]));
    }
  });
  const error = messages.find((m) => m.name === 'error') as (ProtocolMessage & { message: string; position?: string }) | undefined;
  if (error) {
    const position = error.position ? Number(error.position) : undefined;
    throw new SqlgenError(`${file}:${lineOf(query, position)}: query ${query.name}: ${error.message}`);
  }
  const paramOids = ((messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs?: number[] } | undefined)?.dataTypeIDs) ?? [];
  const fields = ((messages.find((m) => m.name === 'rowDescription') as { fields?: { name: string; tableID: number; columnID: number; dataTypeID: number }[] } | undefined)?.fields) ?? [];

  const at = `${file}:${query.line}: query ${query.name}`;
  if (query.params.length !== paramOids.length) {
    throw new SqlgenError(
      paramOids.length === 0
        ? `${at}: "-- params:" names ${query.params.length} parameter(s) but the SQL uses none`
        : `${at}: the SQL uses $1…$${paramOids.length}; name them in order with "-- params: ${paramOids.map((_, i) => `p${i + 1}`).join(', ')}"`,
    );
  }
  if (new Set(query.params).size !== query.params.length) throw new SqlgenError(`${at}: a parameter name appears twice in "-- params:"`);
  if (query.cardinality !== 'exec' && fields.length === 0) {
    throw new SqlgenError(`${at}: :${query.cardinality} needs a statement that returns rows (SELECT, or RETURNING); use :exec`);
  }
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const f of fields) {
    if (seen.has(f.name)) throw new SqlgenError(`${at}: two result columns are called "${f.name}"; give one an alias with AS`);
    seen.add(f.name);
    let nullable = true; // computed columns: Postgres cannot promise anything
    if (f.tableID) {
      const { rows } = await db.query<{ attnotnull: boolean }>(
        'SELECT attnotnull FROM pg_attribute WHERE attrelid = $1 AND attnum = $2',
        [f.tableID, f.columnID],
      );
      nullable = !rows[0]?.attnotnull;
    }
    columns.push({ name: f.name, oid: f.dataTypeID, nullable });
  }
  for (const name of [...query.nullable, ...query.notNull]) {
    if (!seen.has(name)) throw new SqlgenError(`${at}: annotation names "${name}", which is not a result column (columns: ${[...seen].join(', ') || 'none'})`);
  }
  for (const c of columns) {
    if (query.nullable.includes(c.name)) c.nullable = true;
    if (query.notNull.includes(c.name)) c.nullable = false;
  }
  return { ...query, paramOids, columns };
}

// node-postgres' type parsers decide what JavaScript receives: its
// defaults, except int8, which the workbook's pools (createPool in
// src/lib/db.ts, and the graders') parse to a checked number.
const RESULT_TYPES: Record<number, string> = {
  16: 'boolean', // bool
  17: 'Buffer', // bytea
  18: 'string', 19: 'string', 25: 'string', 1042: 'string', 1043: 'string', 2950: 'string', // char, name, text, bpchar, varchar, uuid
  20: 'number', // int8: pg's default is text (a double cannot hold every int8); createPool's parser gives a checked number
  21: 'number', 23: 'number', 26: 'number', // int2, int4, oid
  700: 'number', 701: 'number', // float4, float8
  1700: 'string', // numeric: exact decimal, returned as text
  1082: 'Date', 1114: 'Date', 1184: 'Date', // date (local midnight!), timestamp, timestamptz
  114: 'unknown', 3802: 'unknown', // json, jsonb: parsed, shape unknown
  1000: 'boolean[]', 1005: 'number[]', 1007: 'number[]', 1016: 'number[]', 1009: 'string[]', 1015: 'string[]', 1231: 'string[]',
  1182: 'Date[]', 1185: 'Date[]', 1115: 'Date[]', 2951: 'string[]', 1021: 'number[]', 1022: 'number[]',
};
// What a parameter may be given as: pg serialises these itself.
const PARAM_TYPES: Record<number, string> = {
  16: 'boolean',
  18: 'string', 19: 'string', 25: 'string', 1042: 'string', 1043: 'string', 2950: 'string',
  20: 'number | string', 1700: 'number | string',
  21: 'number', 23: 'number', 26: 'number', 700: 'number', 701: 'number',
  1082: 'Date | string', 1114: 'Date | string', 1184: 'Date | string',
  114: 'unknown', 3802: 'unknown',
  1000: 'boolean[]', 1005: 'number[]', 1007: 'number[]', 1016: '(number | string)[]', 1009: 'string[]', 1015: 'string[]',
  1231: '(number | string)[]', 2951: 'string[]',
};

function tsType(map: Record<number, string>, oid: number, where: string): string {
  const t = map[oid];
  if (!t) throw new SqlgenError(`${where}: type OID ${oid} is not mapped in src/sqlgen/generate.ts; cast it (::text, ::int) or add it`);
  return t;
}

const camel = (pascal: string) => pascal[0]!.toLowerCase() + pascal.slice(1);
const prop = (name: string) => (IDENT.test(name) ? name : JSON.stringify(name));
const template = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

function doc(q: ParsedQuery, returns: string): string {
  const text = q.doc.map((l) => l.replace(/\*\//g, '*\\/'));
  return ['/**', ...text.map((l) => ` * ${l}`.trimEnd()), ...(text.length ? [' *'] : []), ` * ${q.name} (:${q.cardinality}): ${returns}`, ' */'].join('\n');
}

/** The generated module for one queries file: a pure function of its input. */
export function render(source: QueriesFile, described: DescribedQuery[]): string {
  const base = source.file.split('/').pop()!;
  const out: string[] = [
    `// Generated by \`npm run sqlgen\` from ${base}. Do not edit: change the .sql file and run it again.`,
    `// Schema: ${source.schema}. Types come from Postgres (PGlite) and node-postgres' parsers, int8 as a checked number (createPool in #lib/db).`,
    `import type { Db } from '#lib/db';`,
  ];
  for (const q of described) {
    const fn = camel(q.name);
    const where = `${source.file}:${q.line}: query ${q.name}`;
    out.push('', `// #region ${q.name}`);
    out.push(`/** SQL of ${q.name} (${base}:${q.line}). */`);
    out.push(`export const ${fn}Sql = ${template(q.sql)};`);
    if (q.params.length) {
      out.push('', `export interface ${q.name}Params {`);
      q.params.forEach((p, i) => {
        const type = tsType(PARAM_TYPES, q.paramOids[i]!, `${where}: parameter $${i + 1} (${p})`);
        out.push(`  ${prop(p)}: ${type}${q.nullableParams.includes(p) ? ' | null' : ''};`);
      });
      out.push('}');
    }
    if (q.columns.length) {
      out.push('', `// #region ${q.name}Row`, `export interface ${q.name}Row {`);
      for (const c of q.columns) {
        out.push(`  ${prop(c.name)}: ${tsType(RESULT_TYPES, c.oid, `${where}: column ${c.name}`)}${c.nullable ? ' | null' : ''};`);
      }
      out.push('}', '// #endregion');
    }
    const args = q.params.length ? `db: Db, params: ${q.name}Params` : 'db: Db';
    const values = q.params.length ? `, [${q.params.map((p) => `params.${IDENT.test(p) ? p : `[${JSON.stringify(p)}]`}`).join(', ')}]` : '';
    const rowType = q.columns.length ? `${q.name}Row` : 'never';
    out.push('');
    if (q.cardinality === 'one') {
      out.push(doc(q, 'the first row, or null when there is none.'));
      out.push(`export async function ${fn}(${args}): Promise<${rowType} | null> {`);
      out.push(`  const { rows } = await db.query<${rowType}>(${fn}Sql${values});`);
      out.push('  return rows[0] ?? null;');
    } else if (q.cardinality === 'many') {
      out.push(doc(q, 'every row.'));
      out.push(`export async function ${fn}(${args}): Promise<${rowType}[]> {`);
      out.push(`  const { rows } = await db.query<${rowType}>(${fn}Sql${values});`);
      out.push('  return rows;');
    } else {
      out.push(doc(q, 'the number of rows affected.'));
      out.push(`export async function ${fn}(${args}): Promise<number> {`);
      out.push(`  const { rowCount } = await db.query(${fn}Sql${values});`);
      out.push('  return rowCount ?? 0;');
    }
    out.push('}', '// #endregion');
  }
  return out.join('\n') + '\n';
}

export const outputPath = (sqlFile: string) => sqlFile.replace(/\.sql$/, '.queries.ts');

export interface GeneratedFile {
  sql: string;
  output: string;
  content: string;
  queries: number;
}

export interface GenerateOptions {
  root: string;
  /** Repository-relative .sql files; default: every one under `roots`. */
  files?: string[];
  /** Where to look when `files` is not given; default: the learner's (LEARNER_ROOTS). */
  roots?: readonly string[];
  /** Replace a schema file's text (tests rename a column in a copy). */
  schemaText?: (path: string) => string;
  /**
   * Start a database for one schema; default: a cached PGlite template,
   * closed when done. A database from `start` belongs to the caller and
   * stays open (tests reuse one across runs).
   */
  start?: (schemaSql: string) => Promise<PGlite>;
}

const GENERATED = '// Generated by `npm run sqlgen`';

/**
 * Generated files whose .sql is gone (deleted or renamed): nothing would
 * ever regenerate them, and code importing them would keep compiling
 * against queries that no longer exist.
 */
export function orphanedOutputs(root: string, roots: readonly string[]): string[] {
  return findFiles(root, roots, '.queries.ts').filter(
    (f) => !existsSync(join(root, f.replace(/\.queries\.ts$/, '.sql'))) && readFileSync(join(root, f), 'utf8').startsWith(GENERATED),
  );
}

/** "did you mean" for a `-- schema:` path that does not exist: the nearest schema file in the repository. */
function nearestSchema(root: string, wanted: string): string | undefined {
  const base = wanted.split('/').pop()!;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const f of findFiles(root, ALL_ROOTS, '.schema.sql')) {
    const d = Math.min(distance(f, wanted), distance(f.split('/').pop()!, base));
    if (d < bestDistance) [best, bestDistance] = [f, d];
  }
  return best;
}

function readInputs(root: string, options: GenerateOptions): QueriesFile[] {
  const roots = options.roots ?? LEARNER_ROOTS;
  if (!options.files) {
    const orphans = orphanedOutputs(root, roots);
    if (orphans.length) {
      throw new SqlgenError(
        orphans.map((f) => `${f}: generated from ${f.replace(/\.queries\.ts$/, '.sql').split('/').pop()}, which is missing; bring the .sql back, or delete this file if nothing imports it`).join('\n'),
      );
    }
  }
  const files = options.files ?? findSqlFiles(root, roots);
  return files
    .map((f) => {
      if (!f.endsWith('.sql')) throw new SqlgenError(`${f}: not a .sql file (name the .sql, not what it generates)`);
      if (!existsSync(join(root, f))) throw new SqlgenError(`${f}: no such file (paths are relative to the repository root)`);
      return parseQueriesFile(f, readFileSync(join(root, f), 'utf8'));
    })
    .filter((x): x is QueriesFile => x !== null);
}

async function defaultStart(schemaSql: string): Promise<PGlite> {
  const { seededPglite } = await import('../workbook/testing/pglite-template.ts');
  return seededPglite({ schema: schemaSql, seed: '', tables: [] });
}

/**
 * Generates every queries file. Throws SqlgenError on the first broken
 * query (after closing the databases), so the message reaches the learner.
 */
export async function generate(options: GenerateOptions): Promise<GeneratedFile[]> {
  const root = resolve(options.root);
  const parsed = readInputs(root, options);
  const bySchema = new Map<string, QueriesFile[]>();
  for (const p of parsed) bySchema.set(p.schema, [...(bySchema.get(p.schema) ?? []), p]);

  const results: GeneratedFile[] = [];
  for (const [schema, group] of [...bySchema].sort(([a], [b]) => a.localeCompare(b))) {
    const schemaPath = join(root, schema);
    if (!options.schemaText && !existsSync(schemaPath)) {
      const guess = nearestSchema(root, schema);
      throw new SqlgenError(
        `${group[0]!.file}:${group[0]!.schemaLine}: schema ${schema} does not exist (paths are relative to the repository root)` +
          (guess ? `; did you mean "-- schema: ${guess}"?` : ''),
      );
    }
    const schemaSql = options.schemaText ? options.schemaText(schema) : readFileSync(schemaPath, 'utf8');
    let db: PGlite;
    try {
      db = await (options.start ?? defaultStart)(schemaSql);
    } catch (error) {
      throw new SqlgenError(`${schema}: the schema does not load: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      for (const source of group) {
        const described: DescribedQuery[] = [];
        for (const q of source.queries) described.push(await describe(db, source.file, q));
        results.push({ sql: source.file, output: outputPath(source.file), content: render(source, described), queries: described.length });
      }
    } finally {
      if (!options.start) await db.close();
    }
  }
  return results.sort((a, b) => a.sql.localeCompare(b.sql));
}

/** Generated files whose committed content differs from a fresh generation. */
export function staleFiles(root: string, generated: GeneratedFile[]): string[] {
  return generated
    .filter((g) => {
      const path = join(root, g.output);
      return !existsSync(path) || readFileSync(path, 'utf8') !== g.content;
    })
    .map((g) => g.output);
}

export const repoRelative = (root: string, path: string) => relative(root, path).split('\\').join('/');
