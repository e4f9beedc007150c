/**
 * The site: `astro build` time, and the weight of each page from the built
 * output (built into a temp outDir, so dist/ is left alone).
 *
 * Definitions (printed with the table):
 *  - eager JS: inline <script> blocks (classic or module; not JSON data
 *    scripts) + every <script type="module" src> and <link rel=modulepreload>
 *    + the static `import … from` / `export … from` graph of those files.
 *    Chunks reached only through dynamic import() (e.g. Pagefind's search
 *    UI, loaded when search opens) are lazy and not counted.
 *  - transfer (gzip): HTML + every stylesheet <link> + the eager external JS
 *    + fonts and images the page references (<img src>, <link rel=icon>,
 *    url(…) in its stylesheets — an upper bound: a browser fetches a font
 *    only when a glyph needs it). Text files count gzip -6 bytes; fonts and
 *    images, which are already compressed, count their raw size.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { readyChapters } from '../../curriculum.ts';
import { onCleanup, removeOnExit } from '../../lib-dev/procs.ts';
import { lighthouseScores, type LighthouseResult } from './lighthouse.ts';
import { starlightBaseline } from './starlight-baseline.ts';

const root = resolve(import.meta.dirname, '../../..');
const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.svg', '.json', '.txt', '.xml']);

export interface PageWeight {
  page: string;
  chapter?: string;
  htmlBytes: number;
  eagerJsBytes: number;
  eagerJsFiles: number;
  /** Eager JS as sent: each inline script and each file gzipped on its own, summed. */
  eagerJsGzipBytes: number;
  transferGzipBytes: number;
}

export interface SiteResult {
  buildMs: number;
  pages: number;
  /** Per chapter page; ownEagerJsGzipBytes = its eager JS (gzip) minus the plain Starlight page's. */
  chapters: Array<PageWeight & { ownEagerJsGzipBytes: number }>;
  largest: PageWeight;
  /** A plain Starlight page of the same versions (starlight-baseline.ts). */
  starlight: PageWeight;
  lighthouse: LighthouseResult[];
  lighthouseRuns: number;
}

/** `astro build` of the project in `projectRoot` into `outDir`; resolves to the milliseconds it took. */
export function astroBuild(projectRoot: string, outDir: string): Promise<number> {
  const astro = join(root, 'node_modules/astro/bin/astro.mjs');
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out = (out + c).slice(-8000)));
    child.stderr.on('data', (c: Buffer) => (out = (out + c).slice(-8000)));
    child.on('exit', (code) => (code === 0 ? resolvePromise(performance.now() - t0) : reject(new Error(`astro build failed (${code}):\n${out}`))));
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f));
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 6 }).length;
const transferSize = (file: string, buf: Buffer) => (TEXT.has(extname(file)) ? gz(buf) : buf.length);
const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(2).find((v) => v !== undefined);

export function weigh(outDir: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile);
  const text = html.toString('utf8');
  const resolveUrl = (url: string, from: string) => {
    if (/^(https?:)?\/\//.test(url) || url.startsWith('data:')) return null;
    const clean = url.split(/[?#]/)[0]!;
    const file = clean.startsWith('/') ? join(outDir, clean) : resolve(dirname(from), clean);
    return existsSync(file) && statSync(file).isFile() ? file : null;
  };

  // Eager JS: inline scripts, module entry points, modulepreloads, and their static imports.
  let inlineJs = 0;
  let inlineJsGzip = 0;
  const entries: string[] = [];
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = m[1]!;
    const type = attr(tag, 'type')?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript') continue; // JSON data, templates
    const src = attr(tag, 'src');
    if (src) {
      const file = resolveUrl(src, htmlFile);
      if (file) entries.push(file);
    } else {
      inlineJs += Buffer.byteLength(m[2]!);
      if (m[2]!.trim()) inlineJsGzip += gz(Buffer.from(m[2]!));
    }
  }
  for (const m of text.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(m[0], 'rel')?.toLowerCase();
    const href = attr(m[0], 'href');
    if (rel === 'modulepreload' && href) {
      const file = resolveUrl(href, htmlFile);
      if (file) entries.push(file);
    }
  }
  const eager = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (eager.has(file)) continue;
    eager.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) {
      const dep = resolveUrl(m[1]!, file);
      if (dep) queue.push(dep);
    }
  }
  let eagerJsBytes = inlineJs;
  let eagerJsGzipBytes = inlineJsGzip;
  let transfer = gz(html);
  for (const file of eager) {
    const buf = readFileSync(file);
    eagerJsBytes += buf.length;
    eagerJsGzipBytes += gz(buf);
    transfer += transferSize(file, buf);
  }

  // Stylesheets, and the fonts/images they and the HTML reference.
  const assets = new Set<string>();
  for (const m of text.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(m[0], 'rel')?.toLowerCase() ?? '';
    const href = attr(m[0], 'href');
    if (!href) continue;
    if (rel === 'stylesheet' || rel.includes('icon') || rel === 'preload') {
      const file = resolveUrl(href, htmlFile);
      if (file) assets.add(file);
    }
  }
  for (const m of text.matchAll(/<img\b[^>]*>/gi)) {
    const src = attr(m[0], 'src');
    const file = src && resolveUrl(src, htmlFile);
    if (file) assets.add(file);
  }
  for (const css of [...assets].filter((f) => f.endsWith('.css'))) {
    for (const m of readFileSync(css, 'utf8').matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      const file = resolveUrl(m[1]!, css);
      if (file) assets.add(file);
    }
  }
  for (const file of assets) transfer += transferSize(file, readFileSync(file));

  return {
    page: '/' + relative(outDir, htmlFile).replace(/index\.html$/, ''),
    htmlBytes: html.length,
    eagerJsBytes,
    eagerJsFiles: eager.size,
    eagerJsGzipBytes,
    transferGzipBytes: transfer,
  };
}

export async function siteBench(lighthouseRuns = 3): Promise<SiteResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'djts-bench-site-'));
  const forget = removeOnExit(outDir);
  const forgetCleanup = onCleanup(`remove ${outDir}`, () => rmSync(outDir, { recursive: true, force: true }));
  try {
    const buildMs = await astroBuild(root, outDir);
    const pages = htmlFiles(outDir).map((f) => weigh(outDir, f));
    const starlight = await starlightBaseline();
    const chapters = readyChapters.map((c) => {
      const file = join(outDir, c.slug, 'index.html');
      if (!existsSync(file)) throw new Error(`the build has no page for chapter ${c.slug}`);
      const weight = weigh(outDir, file);
      return { ...weight, chapter: c.slug, ownEagerJsGzipBytes: weight.eagerJsGzipBytes - starlight.eagerJsGzipBytes };
    });
    const heaviest = (list: PageWeight[]) => [...list].sort((a, b) => b.transferGzipBytes - a.transferGzipBytes)[0]!;
    const largest = heaviest(pages);
    // The home page, and the heaviest chapter and exercise page: the pages most likely to miss the score.
    const audited = ['/', heaviest(chapters).page, heaviest(pages.filter((p) => p.page.startsWith('/exercises/'))).page];
    const lighthouse = await lighthouseScores(root, outDir, audited, lighthouseRuns);
    return { buildMs, pages: pages.length, chapters, largest, starlight, lighthouse, lighthouseRuns };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    forget();
    forgetCleanup();
  }
}
