/**
 * Regenerates src/workbook/pristine-starters.json from exercises/. Run it
 * after changing a starter (on a tree whose exercises/ are the starters,
 * not your own answers): `npx tsx src/workbook/write-pristine-starters.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_PATH } from './starters.ts';
import { buildStartersManifest, manifestText } from './starters-manifest.ts';

// From anywhere in the repository: the paths are the repository's, not the shell's.
const root = resolve(import.meta.dirname, '../..');
const manifest = buildStartersManifest(root);
writeFileSync(join(root, MANIFEST_PATH), manifestText(manifest));
const files = Object.values(manifest.exercises).flat().length;
console.log(`Wrote ${MANIFEST_PATH}: ${files} starter files of ${Object.keys(manifest.exercises).length} exercises.`);
