/**
 * Build-time half of the browser database: a seeded PGlite data directory,
 * dumped to a gzipped tar that the browser worker (pglite-worker.ts) loads
 * with `loadDataDir` instead of running initdb in the page. Measured in
 * /work/shared/research/browser-runner.md: first query ~1.5 s from a saved
 * directory against ~5.4 s for a fresh one.
 *
 * The snapshot is made by the graders' own code, seededPglite() in
 * src/workbook/testing/pglite-template.ts: same initdb options (ICU "und"
 * collation), same schema and seed text, the CHECKPOINT that keeps serials
 * from jumping after a load, and the same content-derived file name. So the
 * browser starts from exactly the rows a CLI grader starts from, and a
 * changed schema or seed gets a new file name (safe to cache forever).
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Fixture } from '../workbook/testing/engines.ts';
import { seededPglite, templateFile } from '../workbook/testing/pglite-template.ts';

export interface Snapshot {
  /** Absolute path of the written .tar.gz. */
  file: string;
  /** Its name inside outDir: what the page passes to the worker. */
  name: string;
  bytes: number;
}

/**
 * Writes `fixture`'s seeded data directory into `outDir` (created if needed)
 * and returns where. An existing snapshot of the same text is reused: its
 * name already says it holds this schema and seed.
 */
export async function writeSnapshot(fixture: Fixture, outDir: string): Promise<Snapshot> {
  const lite = await seededPglite(fixture, { cacheDir: outDir });
  await lite.close();
  const file = templateFile(fixture, outDir);
  return { file, name: basename(file), bytes: statSync(file).size };
}
