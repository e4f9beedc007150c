/**
 * sqlgen: typed TypeScript functions from annotated `.sql` files, with the
 * types taken from Postgres itself (PGlite, in memory), never guessed.
 *
 * A queries file starts with a header naming its schema, then one or more
 * queries, each introduced by a `-- name:` line (the sqlc convention):
 *
 *     -- schema: test/fixtures/03-sql-first.schema.sql
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

export type Cardinality = 'one' | 'many' | 'exec';

export interface ParsedQuery {
  name: string;
  cardinality: Cardinality;
  /** 1-based line of the `-- name:` line in the .sql file. */
  line: number;
  /** 1-based line where the SQL text starts. */
  sqlLine: number;
  params: string[];
  nullable: string[];
  notNull: string[];
  sql: string;
  /** Comment lines between the annotations and the SQL: the doc comment. */
  doc: string[];
}

export interface QueriesFile {
  /** Repository-relative path of the .sql file, with forward slashes. */
  file: string;
  schema: string;
  queries: ParsedQuery[];
}

export interface Column {
  name: string;
  oid: number;
  nullable: boolean;
}

export interface DescribedQuery extends ParsedQuery {
  paramOids: number[];
  columns: Column[];
}

/** A problem the learner can fix: always "file:line: query Name: message". */
export class SqlgenError extends Error {}

const SEARCH_ROOTS = ['content', 'exercises', 'solutions', 'test'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.astro', '.git']);

/** Every `.sql` file under the search roots, repository-relative, sorted. */
export function findSqlFiles(root: string, roots = SEARCH_ROOTS): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sql')) out.push(path);
    }
  };
  for (const dir of roots) if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}

const NAME = /^--\s*name:\s*(\S+)\s+:(\S+)\s*$/;
const SCHEMA = /^--\s*schema:\s*(\S+)\s*$/;
const ANNOTATION = /^--\s*(params|nullable|notnull):\s*(.*)$/;
const REGION = /^--\s*(#?region\b.*|#?endregion\b.*)$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads one .sql file. Returns null for a file that is not a queries file
 * (no `-- name:` line): schema files, migrations, plain samples.
 */
export function parseQueriesFile(file: string, text: string): QueriesFile | null {
  const lines = text.split('\n');
  const hasNames = lines.some((l) => NAME.test(l.trim()) || /^--\s*name:/.test(l.trim()));
  if (!hasNames) return null;
  if (file.endsWith('.schema.sql')) {
    throw new SqlgenError(`${file}: a schema file cannot hold "-- name:" queries; put them in their own .sql file`);
  }
  let schema: string | undefined;
  const queries: ParsedQuery[] = [];
  let current: (ParsedQuery & { body: string[] }) | undefined;
  const finish = () => {
    if (!current) return;
    const sql = current.body.join('\n').trim().replace(/;\s*$/, '').trimEnd();
    if (!sql) throw new SqlgenError(`${file}:${current.line}: query ${current.name}: no SQL after the "-- name:" line`);
    if (/;\s*\S/.test(sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''"))) {
      throw new SqlgenError(`${file}:${current.line}: query ${current.name}: one statement per query (found a ";" in the middle)`);
    }
    const { body: _body, ...query } = current;
    queries.push({ ...query, sql });
    current = undefined;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const lineNo = i + 1;
    const schemaMatch = SCHEMA.exec(line);
    if (schemaMatch) {
      if (schema || current) throw new SqlgenError(`${file}:${lineNo}: "-- schema:" must appear once, before the first query`);
      schema = schemaMatch[1]!;
      return;
    }
    if (/^--\s*name:/.test(line)) {
      finish();
      const m = NAME.exec(line);
      if (!m) throw new SqlgenError(`${file}:${lineNo}: write "-- name: QueryName :one" (or :many, :exec)`);
      const [, name, card] = m as unknown as [string, string, string];
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new SqlgenError(`${file}:${lineNo}: query name "${name}" must be PascalCase, like InvoiceForOwner`);
      if (card !== 'one' && card !== 'many' && card !== 'exec') {
        throw new SqlgenError(`${file}:${lineNo}: query ${name}: unknown cardinality ":${card}" (use :one, :many or :exec)`);
      }
      if (queries.some((q) => q.name === name)) throw new SqlgenError(`${file}:${lineNo}: query ${name} is defined twice`);
      current = { name, cardinality: card, line: lineNo, sqlLine: lineNo + 1, params: [], nullable: [], notNull: [], sql: '', doc: [], body: [] };
      return;
    }
    if (!current) return; // header comments and blank lines before the first query
    const annotation = ANNOTATION.exec(line);
    if (annotation && current.body.every((l) => !l.trim())) {
      const list = annotation[2]!.split(',').map((s) => s.trim()).filter(Boolean);
      for (const item of list) {
        if (!IDENT.test(item)) throw new SqlgenError(`${file}:${lineNo}: query ${current.name}: "${item}" is not a valid name`);
      }
      if (annotation[1] === 'params') current.params = list;
      else if (annotation[1] === 'nullable') current.nullable.push(...list);
      else current.notNull.push(...list);
      current.sqlLine = lineNo + 1;
      return;
    }
    if (REGION.test(line)) {
      current.body.push(''); // keep line numbers stable for error positions
      return;
    }
    if (current.body.length === 0 && (!line || line.startsWith('--'))) {
      if (line) current.doc.push(line.replace(/^--\s?/, ''));
      current.sqlLine = lineNo + 1;
      return;
    }
    current.body.push(raw);
  });
  finish();
  if (!schema) throw new SqlgenError(`${file}:1: add a "-- schema: <path of the schema .sql>" line before the first query`);
  return { file, schema, queries };
}

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

// node-postgres' default type parsers decide what JavaScript receives.
const RESULT_TYPES: Record<number, string> = {
  16: 'boolean', // bool
  17: 'Buffer', // bytea
  18: 'string', 19: 'string', 25: 'string', 1042: 'string', 1043: 'string', 2950: 'string', // char, name, text, bpchar, varchar, uuid
  20: 'string', // int8: may not fit a double, so pg returns text
  21: 'number', 23: 'number', 26: 'number', // int2, int4, oid
  700: 'number', 701: 'number', // float4, float8
  1700: 'string', // numeric: exact decimal, returned as text
  1082: 'Date', 1114: 'Date', 1184: 'Date', // date (local midnight!), timestamp, timestamptz
  114: 'unknown', 3802: 'unknown', // json, jsonb: parsed, shape unknown
  1000: 'boolean[]', 1005: 'number[]', 1007: 'number[]', 1016: 'string[]', 1009: 'string[]', 1015: 'string[]', 1231: 'string[]',
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
    `// Schema: ${source.schema}. Types come from Postgres (PGlite) and node-postgres' default parsers.`,
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
      q.params.forEach((p, i) => out.push(`  ${prop(p)}: ${tsType(PARAM_TYPES, q.paramOids[i]!, `${where}: parameter $${i + 1} (${p})`)};`));
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
  /** Repository-relative .sql files; default: every one under the search roots. */
  files?: string[];
  /** Replace a schema file's text (tests rename a column in a copy). */
  schemaText?: (path: string) => string;
  /**
   * Start a database for one schema; default: a cached PGlite template,
   * closed when done. A database from `start` belongs to the caller and
   * stays open (tests reuse one across runs).
   */
  start?: (schemaSql: string) => Promise<PGlite>;
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
  const files = options.files ?? findSqlFiles(root);
  const parsed = files
    .map((f) => parseQueriesFile(f, readFileSync(join(root, f), 'utf8')))
    .filter((x): x is QueriesFile => x !== null);
  const bySchema = new Map<string, QueriesFile[]>();
  for (const p of parsed) bySchema.set(p.schema, [...(bySchema.get(p.schema) ?? []), p]);

  const results: GeneratedFile[] = [];
  for (const [schema, group] of [...bySchema].sort(([a], [b]) => a.localeCompare(b))) {
    const schemaPath = join(root, schema);
    if (!options.schemaText && !existsSync(schemaPath)) {
      throw new SqlgenError(`${group[0]!.file}:1: schema ${schema} does not exist (paths are relative to the repository root)`);
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
