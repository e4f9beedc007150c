/**
 * Generated query files are committed, so they must match their .sql:
 * regenerate every one in memory and compare byte for byte. A stale file
 * fails with its name and the command that fixes it. Unlike a learner's
 * `npm run sqlgen`, this covers the whole repository (ALL_ROOTS): the
 * references, the chapters' snippets and the fixtures as well.
 */
import { ALL_ROOTS, generate, SqlgenError, staleFiles } from '../../sqlgen/generate.ts';
import type { Report } from '../report.ts';

export async function checkSqlgen(report: Report) {
  const root = process.cwd();
  let generated;
  try {
    generated = await generate({ root, roots: ALL_ROOTS });
  } catch (error) {
    const detail = error instanceof SqlgenError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    report.add('every .sql file generates (*.schema.sql aside)', false, detail);
    return;
  }
  report.add(`every .sql file generates, *.schema.sql aside (${generated.length} files, ${generated.reduce((n, g) => n + g.queries, 0)} queries)`, true);
  const stale = new Set(staleFiles(root, generated));
  for (const g of generated) {
    report.add(`sqlgen: ${g.output} is up to date`, !stale.has(g.output), stale.has(g.output) ? `${g.output} differs from what ${g.sql} generates: run npm run sqlgen -- --all` : undefined);
  }
}
