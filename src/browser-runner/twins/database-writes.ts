/**
 * Whether a statement might have changed the database or the session, for
 * the browser twin's "reset only after a write" (twins/database.ts). In the
 * browser every test's TRUNCATE + reseed costs 25–60 ms, and most of a
 * read-only grader's tests only read; skipping the reset after a test that
 * sent nothing but reads keeps a re-grade short.
 *
 * Conservative by design: a statement counts as read-only only when it starts
 * with SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN and names no word that
 * writes or changes session state anywhere in its text (even inside a string
 * literal: a false "may write" costs one reset; a false "read-only" would let
 * one test's rows leak into the next, which must never happen).
 */
const READS = /^\s*(?:\(\s*)*(select|with|values|table|show|explain)\b/i;
const WRITES =
  /\b(insert|update|delete|merge|truncate|create|alter|drop|copy|lock|set|reset|set_config|begin|start|commit|rollback|abort|end|savepoint|release|prepare|execute|call|do|grant|revoke|vacuum|analyze|cluster|reindex|refresh|listen|notify|unlisten|discard|nextval|setval|declare|fetch|move|close|into|import|load|security|comment|pg_advisory_\w+|lo_\w+|pg_\w*(?:reload|terminate|cancel|switch|create|drop|replication|write|promote|rotate)\w*)\b/i;

/** Strips `-- …` and `/* … *\/` comments, so a comment cannot hide a statement's first word. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');

export function mayWrite(text: string): boolean {
  const sql = withoutComments(text);
  return !READS.test(sql) || WRITES.test(sql);
}
