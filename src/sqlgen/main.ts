/**
 * `npm run sqlgen`                  regenerate your .queries.ts files (every annotated .sql under exercises/)
 * `npm run sqlgen -- <file.sql> …`  only the files named
 * `npm run sqlgen -- --check`       change nothing; exit 1 when a generated file is stale
 * `npm run sqlgen -- --all`         for contributors: also solutions/, content/ and test/
 *                                   (verify's sqlgen stage checks all of them)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ALL_ROOTS, generate, LEARNER_ROOTS, staleFiles, SqlgenError } from './generate.ts';

const root = resolve(import.meta.dirname, '../..');
const FLAGS = new Set(['--check', '--all']);
const args = process.argv.slice(2);
const unknown = args.filter((a) => a.startsWith('-') && !FLAGS.has(a));
if (unknown.length) {
  console.error(`sqlgen: unknown option ${unknown.join(' ')} (options: ${[...FLAGS].join(', ')}, or .sql files to regenerate)`);
  process.exit(2);
}
const check = args.includes('--check');
const roots = args.includes('--all') ? ALL_ROOTS : LEARNER_ROOTS;
// npm runs scripts from the repository root; a path is read from where the
// learner typed it (INIT_CWD), so `npm run sqlgen -- x.sql` works in x's folder.
const typedIn = process.env.INIT_CWD ?? process.cwd();
const files = args.filter((a) => !a.startsWith('-')).map((f) => relative(root, resolve(typedIn, f)).split('\\').join('/'));

const started = Date.now();
try {
  const generated = await generate({ root, roots, ...(files.length ? { files } : {}) });
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const where = files.length ? '' : ` under ${roots.map((r) => `${r}/`).join(', ')}`;
  if (check) {
    const stale = staleFiles(root, generated);
    if (stale.length) {
      console.error(`sqlgen: ${stale.length} generated file(s) are stale:\n${stale.map((f) => `  ${f}`).join('\n')}\nrun npm run sqlgen${roots === ALL_ROOTS ? ' -- --all' : ''}`);
      process.exitCode = 1;
    } else {
      console.log(`sqlgen: ${generated.length} generated file(s)${where} up to date (${took})`);
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
    console.log(`sqlgen: ${generated.length} file(s)${where}, ${stale.size} written, in ${took}`);
  }
} catch (error) {
  if (error instanceof SqlgenError) {
    console.error(`sqlgen: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
