/**
 * Reading a queries file: the `-- schema:` header, then queries introduced
 * by `-- name:` lines (the sqlc convention). Strict on purpose: a query
 * whose `-- name:` line is mistyped would otherwise read as an ordinary
 * comment, vanish from the generated module and leave the old
 * `.queries.ts` in place. So every near miss of an annotation, any SQL
 * that belongs to no query, and a file with no query at all are errors
 * naming the file, the line and (where one can be guessed) the line that
 * was meant.
 */

export type Cardinality = 'one' | 'many' | 'exec';

export interface ParsedQuery {
  name: string;
  cardinality: Cardinality;
  /** 1-based line of the `-- name:` line in the .sql file. */
  line: number;
  /** 1-based line where the SQL text starts. */
  sqlLine: number;
  params: string[];
  /** Parameters written `name?` in `-- params:`: the function accepts null for them. */
  nullableParams: string[];
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
  /** 1-based line of the `-- schema:` header. */
  schemaLine: number;
  queries: ParsedQuery[];
}

/** A problem the learner can fix: always "file:line: …". */
export class SqlgenError extends Error {}

const CARDINALITIES: readonly Cardinality[] = ['one', 'many', 'exec'];
const KEYS = ['schema', 'name', 'params', 'nullable', 'notnull'];

const NAME = /^--\s*name:\s*(\S+)\s+:(\S+)\s*$/;
const SCHEMA = /^--\s*schema:\s*(\S+)\s*$/;
const ANNOTATION = /^--\s*(params|nullable|notnull):\s*(.*)$/;
const REGION = /^--\s*(#?region\b.*|#?endregion\b.*)$/;
export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
// "-- <word>: <rest>" and "-- <word> <rest>": the shape of any annotation.
const KEYED = /^--\s*([A-Za-z][A-Za-z-]*)\s*(:?)\s*(.*)$/;
// The rest of a name line, loosely: "X :one", "X: one", "X :onee;".
const LOOSE_NAME = /^([A-Za-z_]\w*)\s*:\s*([A-Za-z]+)\s*;?$/;

/** Optimal-string-alignment distance: edits, counting a swap of neighbours as one. */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function closest<T extends string>(word: string, candidates: readonly T[], max: number): T | undefined {
  let best: T | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c);
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return best;
}

const nameLine = (name: string, card: string) => `-- name: ${name} :${closest(card, CARDINALITIES, 2) ?? 'one'}`;

/**
 * What a comment line that is not a valid annotation most likely meant,
 * as the corrected line; null for an ordinary comment. Conservative: a doc
 * comment such as "-- Note: see below" is left alone.
 */
export function nearMiss(line: string): string | null {
  const m = KEYED.exec(line);
  if (!m) return null;
  const [, key, colon, rest] = m as unknown as [string, string, string, string];
  const lower = key.toLowerCase();
  if (colon && KEYS.includes(key)) return null; // spelled right: the caller judges the rest
  const asName = LOOSE_NAME.exec(rest);
  if (asName && distance(lower, 'name') <= 2) return nameLine(asName[1]!, asName[2]!);
  const key2 = closest(lower, KEYS, 1);
  if (!key2) return null;
  if (colon) return `-- ${key2}: ${rest}`;
  // No colon: only a line that cannot be prose ("-- schema test/x.sql").
  if (key2 === 'schema' && /^\S+\.sql$/.test(rest)) return `-- schema: ${rest}`;
  return null;
}

/** The complaint for a line that starts "-- name:" but is not "-- name: Name :card". */
function badNameLine(rest: string): string {
  const loose = LOOSE_NAME.exec(rest.trim());
  if (loose) return `did you mean "${nameLine(loose[1]!, loose[2]!)}"?`;
  const word = /^([A-Za-z_]\w*)/.exec(rest.trim())?.[1];
  return word
    ? `add the cardinality: "-- name: ${word} :one" (or :many, :exec)`
    : 'write "-- name: QueryName :one" (or :many, :exec)';
}

/**
 * Reads one .sql file. Returns null for a schema (`*.schema.sql`), which
 * holds tables, not queries; every other .sql file must yield at least one
 * query or throw a SqlgenError saying where and what is wrong.
 */
export function parseQueriesFile(file: string, text: string): QueriesFile | null {
  const lines = text.split(/\r?\n/);
  if (file.endsWith('.schema.sql')) {
    const at = lines.findIndex((l) => /^--\s*name\s*:/i.test(l.trim()));
    if (at >= 0) throw new SqlgenError(`${file}:${at + 1}: a schema file cannot hold "-- name:" queries; put them in their own .sql file`);
    return null;
  }
  let schema: string | undefined;
  let schemaLine = 1;
  const queries: ParsedQuery[] = [];
  let current: (ParsedQuery & { body: string[] }) | undefined;
  const fail = (lineNo: number, message: string): never => {
    throw new SqlgenError(`${file}:${lineNo}: ${message}`);
  };
  const finish = () => {
    if (!current) return;
    const sql = current.body.join('\n').trim().replace(/;\s*$/, '').trimEnd();
    if (!sql) fail(current.line, `query ${current.name}: no SQL after the "-- name:" line`);
    if (/;\s*\S/.test(sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''"))) {
      fail(current.line, `query ${current.name}: one statement per query (found a ";" in the middle)`);
    }
    const { body: _body, ...query } = current;
    queries.push({ ...query, sql });
    current = undefined;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const lineNo = i + 1;
    if (/^--\s*schema\s*:/.test(line)) {
      const m = SCHEMA.exec(line);
      if (!m) fail(lineNo, 'write "-- schema: <path of the schema .sql from the repository root>"');
      if (schema || current) fail(lineNo, '"-- schema:" must appear once, before the first query');
      schema = m![1]!;
      schemaLine = lineNo;
      return;
    }
    if (/^--\s*name\s*:/.test(line)) {
      finish();
      const m = NAME.exec(line);
      if (!m) fail(lineNo, badNameLine(line.replace(/^--\s*name\s*:/, '')));
      const [, name, card] = m as unknown as [string, string, string];
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) fail(lineNo, `query name "${name}" must be PascalCase, like InvoiceForOwner`);
      if (!CARDINALITIES.includes(card as Cardinality)) {
        const guess = closest(card, CARDINALITIES, 2);
        fail(lineNo, `query ${name}: unknown cardinality ":${card}"; ${guess ? `did you mean "${nameLine(name, card)}"?` : 'use :one, :many or :exec'}`);
      }
      if (queries.some((q) => q.name === name)) fail(lineNo, `query ${name} is defined twice`);
      current = {
        name, cardinality: card as Cardinality, line: lineNo, sqlLine: lineNo + 1,
        params: [], nullableParams: [], nullable: [], notNull: [], sql: '', doc: [], body: [],
      };
      return;
    }
    const annotation = ANNOTATION.exec(line);
    if (annotation) {
      // Only directly under "-- name:" (before any SQL): anywhere else it
      // would be read as a comment and silently change nothing.
      if (!current) fail(lineNo, `"-- ${annotation[1]}:" has no query: put "-- name: QueryName :one" (or :many, :exec) above it`);
      if (current!.body.some((l) => l.trim())) {
        fail(lineNo, `"-- ${annotation[1]}:" belongs directly under the "-- name:" line, before the query's SQL`);
      }
      const list = annotation[2]!.split(',').map((s) => s.trim()).filter(Boolean);
      for (const item of list) {
        const optional = annotation[1] === 'params' && item.endsWith('?');
        if (!IDENT.test(optional ? item.slice(0, -1) : item)) fail(lineNo, `query ${current!.name}: "${item}" is not a valid name`);
      }
      if (annotation[1] === 'params') {
        current!.params = list.map((p) => p.replace(/\?$/, ''));
        current!.nullableParams = list.filter((p) => p.endsWith('?')).map((p) => p.slice(0, -1));
      } else if (annotation[1] === 'nullable') current!.nullable.push(...list);
      else current!.notNull.push(...list);
      current!.sqlLine = lineNo + 1;
      return;
    }
    if (line.startsWith('--')) {
      const meant = nearMiss(line);
      if (meant) fail(lineNo, `"${line}" is not an annotation; did you mean "${meant}"?`);
    }
    if (!current) {
      // Before the first query only comments and blank lines may stand:
      // SQL here has lost its "-- name:" line and would be dropped.
      if (line && !line.startsWith('--')) fail(lineNo, 'this SQL belongs to no query: put "-- name: QueryName :one" (or :many, :exec) above it');
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
  if (queries.length === 0) {
    fail(1, 'no query here: start each one with "-- name: QueryName :one" (or :many, :exec); a schema belongs in a *.schema.sql file');
  }
  if (!schema) fail(1, 'add a "-- schema: <path of the schema .sql>" line before the first query');
  return { file, schema: schema!, schemaLine, queries };
}
