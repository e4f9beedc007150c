/**
 * "Starlight's own" JavaScript, measured rather than guessed: a throwaway
 * Starlight site with the same Astro and Starlight versions (this
 * repository's node_modules), the same table-of-contents and pagination
 * settings, and one doc page with headings and a code block — the parts of
 * a chapter page that Starlight ships scripts for (theme, menu, sidebar
 * state, search, table of contents, Expressive Code's copy button). What a
 * chapter page loads beyond this page's eager JS is the guide's own.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onCleanup, removeOnExit } from '../../lib-dev/procs.ts';
import { astroBuild, weigh, type PageWeight } from './site.ts';

const root = resolve(import.meta.dirname, '../../..');

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({
  integrations: [starlight({ title: 'Baseline', pagination: true, tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 }, lastUpdated: false, disable404Route: true })],
});
`;
const COLLECTIONS = `import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
`;
const FENCE = '```';
const PAGE = `---
title: A plain Starlight page
---
Some prose.

## A section

${FENCE}ts
export const answer = 42;
${FENCE}

### A subsection

More prose.

## Another section

The end.
`;

export async function starlightBaseline(): Promise<PageWeight> {
  // Inside the repository, so Node and Vite find this repository's node_modules
  // by walking up (a symlinked node_modules confuses Astro's compile cache).
  const dir = mkdtempSync(join(root, 'djts-bench-starlight-'));
  const forget = removeOnExit(dir);
  const forgetCleanup = onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  try {
    mkdirSync(join(dir, 'src/content/docs'), { recursive: true });
    // Astro bundles (rather than leaves to Node) the packages the project's
    // package.json depends on that use Astro; without them listed, Starlight's
    // `astro:` imports reach Node at render time and the build fails.
    const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const dependencies = Object.fromEntries(['astro', '@astrojs/starlight'].map((name) => [name, own.devDependencies[name]!]));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'starlight-baseline', private: true, type: 'module', dependencies }));
    writeFileSync(join(dir, 'astro.config.mjs'), CONFIG);
    writeFileSync(join(dir, 'src/content.config.ts'), COLLECTIONS);
    writeFileSync(join(dir, 'src/content/docs/index.md'), PAGE);
    // The same settings as this site's (see astro.config.mjs and src/content.config.ts).
    mkdirSync(join(dir, 'src/content/i18n'), { recursive: true });
    writeFileSync(join(dir, 'src/content/i18n/en.json'), '{}');
    const outDir = join(dir, 'dist');
    await astroBuild(dir, outDir);
    return weigh(outDir, join(outDir, 'index.html'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    forget();
    forgetCleanup();
  }
}
