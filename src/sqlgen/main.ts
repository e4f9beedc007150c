/**
 * `npm run sqlgen`          regenerate every <name>.queries.ts beside its .sql
 * `npm run sqlgen -- --check`  exit 1 when a generated file is stale
 * `npm run sqlgen -- exercises/03-sql-first/x.sql`  only the files named
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generate, staleFiles, SqlgenError } from './generate.ts';

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const files = args.filter((a) => !a.startsWith('--')).map((f) => f.replace(/^\.\//, ''));

const started = Date.now();
try {
  const generated = await generate({ root, ...(files.length ? { files } : {}) });
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (check) {
    const stale = staleFiles(root, generated);
    if (stale.length) {
      console.error(`sqlgen: ${stale.length} generated file(s) are stale:\n${stale.map((f) => `  ${f}`).join('\n')}\nrun npm run sqlgen`);
      process.exitCode = 1;
    } else {
      console.log(`sqlgen: ${generated.length} generated file(s) up to date (${took})`);
    }
  } else {
    const stale = new Set(staleFiles(root, generated));
    for (const g of generated) {
      const path = join(root, g.output);
      if (stale.has(g.output)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, g.content);
      }
      console.log(`${stale.has(g.output) ? 'wrote    ' : 'unchanged'} ${g.output} (${g.queries} ${g.queries === 1 ? 'query' : 'queries'})`);
    }
    console.log(`sqlgen: ${generated.length} file(s), ${stale.size} written, in ${took}`);
  }
} catch (error) {
  if (error instanceof SqlgenError) {
    console.error(`sqlgen: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
