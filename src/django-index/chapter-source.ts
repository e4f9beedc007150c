/**
 * What a chapter's MDX source says about its comparisons: each `<Compare>`
 * in page order (its number N is the one Compare.astro gives it, so its
 * panes are `#compare-N-django` and `#compare-N-ts`), its Django snippet,
 * the APIs it `covers`, and the heading it sits under, with the anchor id
 * Astro gives that heading.
 *
 * The MDX convention this relies on (verify's mdx stage keeps it): every
 * `<Compare` tag has one attribute per line and ends with a line `/>`.
 * The covered APIs are one line, `covers={['select_related', 'Q']}`;
 * `covers={[]}` says that a comparison whose left pane is not Django code
 * (SQL, or two TypeScript versions) covers no Django API.
 */
import GithubSlugger from 'github-slugger';

export interface Heading {
  depth: number;
  text: string;
  /** The element id Astro gives the heading (github-slugger over its text, as @astrojs/markdown-satteri does). */
  slug: string;
}

export interface SourceComparison {
  /** 1-based, in page order: Compare.astro's `compare-N`. */
  n: number;
  /** The source line of `<Compare`, 1-based, for errors. */
  line: number;
  /** The `django="…"` snippet reference. */
  django: string;
  /** null when the tag has no `covers` line. */
  covers: string[] | null;
  /** The nearest `##` or `###` heading above it (null before the first). */
  section: Heading | null;
}

export class ChapterSourceError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'ChapterSourceError';
  }
}

/**
 * A heading's text as rendered, from its Markdown: code spans keep their
 * content, links their text, emphasis and inline HTML go.
 */
export function headingText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|\*)(?=\S)([^*]*\S)\1/g, '$2')
    .replace(/\s+#+\s*$/, '')
    .trim();
}

const COVERS = /^\s*covers=\{\[(.*)\]\}\s*$/;
const ITEM = /^\s*'([^'\\]+)'\s*$/;

function parseCovers(file: string, line: number, text: string): string[] {
  const inner = COVERS.exec(text)![1]!.trim();
  if (inner === '') return [];
  return inner.split(',').map((part) => {
    const item = ITEM.exec(part);
    if (!item) throw new ChapterSourceError(file, line, `covers: expected a list of 'quoted' names, found ${JSON.stringify(part.trim())}`);
    return item[1]!;
  });
}

/** The comparisons of one chapter page, in page order. `file` names it in errors. */
export function readChapterSource(file: string, mdx: string): SourceComparison[] {
  const lines = mdx.replace(/\r\n/g, '\n').split('\n');
  const slugger = new GithubSlugger();
  const out: SourceComparison[] = [];
  let section: Heading | null = null;
  let fenced = false;
  let inFrontmatter = lines[0] === '---';
  for (let i = inFrontmatter ? 1 : 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (inFrontmatter) {
      if (text === '---') inFrontmatter = false;
      continue;
    }
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^(#{1,6})\s+(.+)$/.exec(text);
    if (heading) {
      const rendered = headingText(heading[2]!);
      // Every heading takes a slug, in order, so duplicates get -1, -2 as on the page.
      const slug = slugger.slug(rendered);
      const depth = heading[1]!.length;
      if (depth === 2 || depth === 3) section = { depth, text: rendered, slug };
      continue;
    }
    if (!/^<Compare\s*$/.test(text)) {
      if (/<Compare\b/.test(text)) throw new ChapterSourceError(file, i + 1, '<Compare must stand alone on its line, one attribute per line after it');
      continue;
    }
    const start = i;
    let django: string | null = null;
    let covers: string[] | null = null;
    for (i++; i < lines.length && lines[i]!.trim() !== '/>'; i++) {
      const attr = lines[i]!;
      const ref = /^\s*django="([^"]+)"\s*$/.exec(attr);
      if (ref) django = ref[1]!;
      else if (COVERS.test(attr)) {
        if (covers) throw new ChapterSourceError(file, i + 1, 'a second covers line');
        covers = parseCovers(file, i + 1, attr);
      } else if (/^\s*covers=/.test(attr)) throw new ChapterSourceError(file, i + 1, "covers must be one line: covers={['select_related', 'Q']}");
    }
    if (i >= lines.length) throw new ChapterSourceError(file, start + 1, '<Compare is never closed by a line "/>"');
    if (!django) throw new ChapterSourceError(file, start + 1, '<Compare without a django="…" line');
    out.push({ n: out.length + 1, line: start + 1, django, covers, section });
  }
  return out;
}
