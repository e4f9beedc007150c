/**
 * The site's own search, run in Node: the Pagefind bundle that the build
 * wrote to dist/pagefind/ (the very files the search dialog loads), imported
 * as a module. It fetches its index and WebAssembly relative to its own
 * URL, a file: URL here, which Node's fetch does not serve; so for the
 * duration of the searches fetch reads file: URLs from disk, and only those.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface SearchHit {
  /** Site path of the page, e.g. `/django-index/`. */
  url: string;
  /** Its sub-results (one per heading with an id), e.g. `/django-index/#api-select_related`. */
  subUrls: string[];
}

interface PagefindResult {
  data(): Promise<{ url: string; sub_results?: { url: string }[] }>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
  destroy?(): Promise<void>;
}

/** Runs `queries` against dist's Pagefind index; for each, the pages found, best first. */
export async function searchBuiltSite(queries: readonly string[], dist = resolve('dist')): Promise<Map<string, SearchHit[]>> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('file:')) return realFetch(input, init);
    return new Response(await readFile(fileURLToPath(url)));
  }) as typeof fetch;
  try {
    const dir = resolve(dist, 'pagefind');
    // A query string makes each call load its own copy: two builds in one process never share an index.
    const pagefind = (await import(`${pathToFileURL(resolve(dir, 'pagefind.js')).href}?${Date.now()}`)) as Pagefind;
    await pagefind.options({ basePath: `${pathToFileURL(dir).href}/`, baseUrl: '/' });
    await pagefind.init();
    const out = new Map<string, SearchHit[]>();
    for (const query of queries) {
      const { results } = await pagefind.search(query);
      const pages = await Promise.all(results.map((r) => r.data()));
      out.set(query, pages.map((p) => ({ url: p.url, subUrls: (p.sub_results ?? []).map((s) => s.url) })));
    }
    await pagefind.destroy?.();
    return out;
  } finally {
    globalThis.fetch = realFetch;
  }
}
