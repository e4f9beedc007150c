/**
 * Every demo declared under content/, found by file name
 * (`content/<chapter>/snippets/<snippet>.demo.ts`) and loaded. Node only:
 * the snippet test and the site build use it; pages find their demos
 * through Vite (RunDemo.astro), with the same ids.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoId, type Demo } from './demo.ts';

export const CONTENT = resolve(import.meta.dirname, '../../../content');

export interface DemoEntry {
  id: string;
  chapter: string;
  snippet: string;
  /** Absolute path of the .demo.ts file. */
  file: string;
  demo: Demo;
}

export function demoFiles(content = CONTENT): { chapter: string; snippet: string; file: string }[] {
  return readdirSync(content, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(content, d.name, 'snippets');
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      return names
        .filter((n) => n.endsWith('.demo.ts'))
        .sort()
        .map((n) => ({ chapter: d.name, snippet: n.slice(0, -'.demo.ts'.length), file: join(dir, n) }));
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Under vitest, import() transforms TypeScript; elsewhere (the site build,
 * verify) Node's own type stripping cannot load every snippet (chapter 4's
 * errors.ts has parameter properties), so tsx loads them.
 */
async function importTs(url: string): Promise<unknown> {
  // In a vitest worker itself, not merely under its environment: a site build
  // a test starts (buildRuntimeSite) inherits VITEST but loads with Node.
  if ('__vitest_worker__' in globalThis) return import(url);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

/** Loads every demo file; a file without a `demos` array, or with two demos of one name, is an error. */
export async function loadDemos(content = CONTENT): Promise<DemoEntry[]> {
  const entries: DemoEntry[] = [];
  for (const { chapter, snippet, file } of demoFiles(content)) {
    const mod = (await importTs(pathToFileURL(file).href)) as { demos?: Demo[] };
    if (!Array.isArray(mod.demos)) throw new Error(`${file}: export a \`demos\` array (see src/browser-runner/demos/demo.ts)`);
    const seen = new Set<string>();
    for (const demo of mod.demos) {
      if (seen.has(demo.name)) throw new Error(`${file}: two demos named "${demo.name}"`);
      seen.add(demo.name);
      entries.push({ id: demoId(chapter, snippet, demo.name), chapter, snippet, file, demo });
    }
  }
  return entries;
}
