import { readFileSync, writeFileSync } from 'node:fs';
import { strip, rewriteImports } from '../src/browser-runner/runner/strip.ts';
const r = strip(readFileSync(process.argv[2]!, 'utf8'), 'x.ts');
if (!r.ok) throw new Error(r.message);
writeFileSync('.scratch/out2.mjs', rewriteImports(r.code, (s) => 'data:text/javascript,' + encodeURIComponent('export default 1')));
