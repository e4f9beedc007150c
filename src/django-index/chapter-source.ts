/**
 * What a chapter's MDX source says about the Django code it shows: each
 * `<Compare>` in page order (its number N is the one Compare.astro gives
 * it, so its panes are `#compare-N-django` and `#compare-N-ts`) and each
 * `<Snippet>` of Python code (Django shown alone), with its code reference,
 * the APIs it `covers`, and the heading it sits under, with the anchor id
 * Astro gives that heading.
 *
 * The MDX conventions this relies on: every `<Compare` tag has one
 * attribute per line and ends with a line `/>`, and the covered APIs are
 * one of those lines, `covers={['select_related', 'Q']}`; `covers={[]}`
 * says that a comparison whose left pane is not Django code (SQL, or two
 * TypeScript versions) covers no Django API. A `<Snippet … />` is one line,
 * and a Python one ends with its `covers={[…]}` (`[]` when it demonstrates
 * no API of its own).
 */
import GithubSlugger from 'github-slugger';

export interface Heading {
  depth: number;
  text: string;
  /** The element id Astro gives the heading (github-slugger over its text, as @astrojs/markdown-satteri does). */
  slug: string;
}

export interface SourceComparison {
  /** A `<Compare>` (Django beside TypeScript) or a Python `<Snippet>` (Django alone). */
  kind: 'compare' | 'snippet';
  /** For a comparison, 1-based, in page order: Compare.astro's `compare-N`; null for a snippet. */
  n: number | null;
  /** The source line of the tag, 1-based, for errors. */
  line: number;
  /** The Django code's reference: a comparison's `django="…"`, a snippet's `file="…"`. */
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

/** The comparisons and Python snippets of one chapter page, in page order. `file` names it in errors. */
export function readChapterSource(file: string, mdx: string): SourceComparison[] {
  const lines = mdx.replace(/\r\n/g, '\n').split('\n');
  const slugger = new GithubSlugger();
  const out: SourceComparison[] = [];
  let section: Heading | null = null;
  let compares = 0;
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
    if (/^<Snippet\s/.test(text)) {
      const ref = /\sfile="([^"]+)"/.exec(text)?.[1];
      if (!ref || !/\/>\s*$/.test(text)) throw new ChapterSourceError(file, i + 1, '<Snippet file="…" … /> must be one line');
      if (!ref.split('#')[0]!.endsWith('.py')) continue;
      const covers = /\scovers=(\{\[.*?\]\})/.exec(text)?.[1];
      out.push({ kind: 'snippet', n: null, line: i + 1, django: ref, covers: covers === undefined ? null : parseCovers(file, i + 1, `covers=${covers}`), section });
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
    compares++;
    out.push({ kind: 'compare', n: compares, line: start + 1, django, covers, section });
  }
  return out;
}
