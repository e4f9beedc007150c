import { transform } from 'sucrase';
import { readFileSync, writeFileSync } from 'node:fs';
const src = readFileSync(process.argv[2]!, 'utf8');
const out = transform(src, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: false }).code;
writeFileSync('.scratch/out.mjs', out);
