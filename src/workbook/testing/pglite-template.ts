/**
 * A seeded PGlite instance, started from a cached data directory when one
 * exists. Creating a PGlite database runs initdb inside WASM (2.7–3.6 s
 * cold on a 2-core machine); loading a dumped data directory takes about a
 * third of that. Each test file needs its own instance, so the first file
 * to use a fixture pays for initdb + schema + seed and leaves a template
 * behind; every later file, in this run or the next, loads the template.
 *
 * The cache lives in node_modules/.cache (gone with `npm ci`), keyed by
 * PGlite's version, the initdb options and the fixture's text, so a
 * changed schema or seed can never be served stale.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { Fixture } from './engines.ts';

// ICU "und" sorts like a production database (a, A, b, B), not like C.
const INITDB = ['--locale-provider=icu', '--icu-locale=und'];
const NODE_MODULES = resolve(import.meta.dirname, '../../../node_modules');
export const TEMPLATE_CACHE = join(NODE_MODULES, '.cache/workbook-pglite');

function pgliteVersion(): string {
  // Its exports map hides package.json from require.resolve.
  return JSON.parse(readFileSync(join(NODE_MODULES, '@electric-sql/pglite/package.json'), 'utf8')).version;
}

export function templateFile(fixture: Fixture, cacheDir = TEMPLATE_CACHE): string {
  const key = createHash('sha256')
    .update(JSON.stringify([pgliteVersion(), INITDB, fixture.schema, fixture.seed]))
    .digest('hex')
    .slice(0, 16);
  return join(cacheDir, `${key}.tar.gz`);
}

/**
 * Where one writer puts a template before renaming it into place. Worker
 * threads of one process share `process.pid`, and two of them may build the
 * same template at once (two graders on one fixture): the thread id and a
 * random part keep their files apart, so neither renames the other's
 * half-written file, nor finds its own gone.
 */
export function partialFile(file: string): string {
  return `${file}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.partial`;
}

/** Write aside, then rename: a reader sees the old file, the new one, or none; never half of one. */
export function writeTemplate(file: string, dump: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = partialFile(file);
  try {
    writeFileSync(partial, dump);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

export interface TemplateOptions {
  /** Default: node_modules/.cache/workbook-pglite. */
  cacheDir?: string;
}

export async function seededPglite(fixture: Fixture, options: TemplateOptions = {}): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const file = templateFile(fixture, options.cacheDir);
  if (existsSync(file)) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
    } catch {
      // A truncated or foreign file: fall through and rebuild it.
    }
  }
  const lite = await PGlite.create({ initDbStartParams: INITDB });
  await lite.exec(fixture.schema);
  await lite.exec(fixture.seed);
  // Without a checkpoint the dump replays WAL on load and serials jump by 32.
  await lite.exec('CHECKPOINT');
  writeTemplate(file, new Uint8Array(await (await lite.dumpDataDir('gzip')).arrayBuffer()));
  return lite;
}
