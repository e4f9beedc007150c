/**
 * The Django → TypeScript index, collected from the guide's own metadata:
 * each `<Compare>` in a chapter, and each `<Snippet>` of Python code, says
 * which Django APIs it covers (chapter-source.ts), and this module turns
 * those declarations into one entry per API, with every place that shows it
 * (chapter, section, and the comparison's Django pane when it is one) and
 * every exercise whose brief shows it.
 *
 * Nothing here is listed by hand, and nothing is taken on trust: a covered
 * API must appear in that Django code (api-names.ts says how), a
 * comparison of Django code must cover something, and two spellings of one
 * API are refused. Any of these stops the build with the chapter, the
 * comparison or snippet, and the API named.
 *
 * Pure: the caller passes the sources in (load.ts reads the real ones).
 */
import { apiKey, appearsIn, nameProblem, sortKey } from './api-names.ts';
import { readChapterSource, type Heading } from './chapter-source.ts';
import type { Brief } from '../workbook/brief.ts';

export interface ChapterInput {
  slug: string;
  number: number;
  title: string;
  /** The chapter's index.mdx, and its path for errors. */
  file: string;
  mdx: string;
}

export interface ExerciseInput {
  name: string;
  title: string;
  chapter: string;
  brief: Brief;
}

/** Where the guide shows an API: a comparison (Django beside TypeScript) or Django code alone. */
export interface Use {
  chapter: { slug: string; number: number; title: string };
  /** The comparison, when it is one: Compare.astro's number N and `/<slug>/#compare-N-django`, its Django pane with the TypeScript beside it (or one tab away on a phone). */
  compare: { n: number; href: string } | null;
  section: (Heading & { href: string }) | null;
}

export interface ExerciseLink {
  name: string;
  title: string;
  href: string;
}

export interface IndexEntry {
  /** As the chapters write it: `select_related`, `@login_required`. */
  api: string;
  /** The element id of its entry on the index page. */
  id: string;
  /** Comparisons and Django-only code, in chapter order. */
  uses: Use[];
  exercises: ExerciseLink[];
}

export class DjangoIndexError extends Error {
  constructor(message: string) {
    super(`Django → TypeScript index: ${message}`);
    this.name = 'DjangoIndexError';
  }
}

/** The Django (or FastAPI, or Python) code an exercise's brief shows, and its inline `code` spans. */
export function briefPython(brief: Brief): string {
  const blocks = [...brief.intro, ...brief.outro];
  const code = blocks.flatMap((b) => (b.kind === 'code' && b.lang === 'python' ? [b.code] : []));
  const prose = [
    ...blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])),
    ...(brief.lead ? [brief.lead] : []),
    ...brief.requirements.flatMap((item) => item.flatMap((part) => (part.kind === 'text' ? [part.text] : []))),
  ];
  const spans = prose.flatMap((text) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  return [...code, ...spans].join('\n');
}

/** The id of an API's entry on the index page: `api-select_related`, `api-transaction.atomic`, `api-int-pk`, `api-clean_field`. */
export function entryId(api: string): string {
  return `api-${apiKey(api).replace(/[<>]/g, '').replace(/[^\w.-]+/g, '-')}`;
}

/** What a reader types into the search box for an API: its name without `@`, `()` and angle brackets (`int:pk`, `clean_field`). */
export function searchTerm(api: string): string {
  return apiKey(api).replace(/[<>]/g, '');
}

/**
 * The index: one entry per covered API, sorted by name; its uses
 * (comparisons and Django-only snippets) in chapter order, exercises in
 * manifest order. `djangoCode(ref)` returns the
 * code of a `django="…"` or `file="…"` reference (src/snippets.ts loadSnippet).
 */
export function collectIndex(
  chapters: readonly ChapterInput[],
  exercises: readonly ExerciseInput[],
  djangoCode: (ref: string) => string,
): IndexEntry[] {
  const entries = new Map<string, IndexEntry>();
  for (const chapter of chapters) {
    for (const code of readChapterSource(chapter.file, chapter.mdx)) {
      const compare = code.kind === 'compare' ? code.n : null;
      const where = `${chapter.file}:${code.line}, ${compare ? `comparison ${compare}` : 'Django snippet'} (${code.django})`;
      const python = code.django.split('#')[0]!.endsWith('.py');
      if (code.covers === null) {
        throw new DjangoIndexError(
          compare
            ? `${where} has no covers line: add covers={['…']} after its django="…" line, or covers={[]} if its left pane is not Django code`
            : `${where} has no covers: end the tag with covers={['…']} (or covers={[]} if it shows no Django API of its own)`,
        );
      }
      if (compare && python && code.covers.length === 0) throw new DjangoIndexError(`${where} shows Django code but covers={[]}: name the APIs it demonstrates`);
      if (!python && code.covers.length > 0) throw new DjangoIndexError(`${where} is not Python code, so it covers no Django API: write covers={[]}`);
      const source = python ? djangoCode(code.django) : '';
      const page = `/${chapter.slug}/`;
      for (const api of code.covers) {
        const problem = nameProblem(api);
        if (problem) throw new DjangoIndexError(`${where} covers ${JSON.stringify(api)}: ${problem}`);
        if (!appearsIn(api, source)) throw new DjangoIndexError(`${where} covers \`${api}\`, which its Django code does not show (outside comments)`);
        const key = apiKey(api);
        const entry = entries.get(key) ?? { api, id: entryId(api), uses: [], exercises: [] };
        if (entry.api !== api) throw new DjangoIndexError(`${where} writes \`${api}\`, another place writes \`${entry.api}\`: spell one API one way`);
        const use: Use = {
          chapter: { slug: chapter.slug, number: chapter.number, title: chapter.title },
          compare: compare ? { n: compare, href: `${page}#compare-${compare}-django` } : null,
          section: code.section && { ...code.section, href: `${page}#${code.section.slug}` },
        };
        // One link per place: covering an API twice in one comparison is a typo; a snippet adds nothing in a section that already links it.
        const same = entry.uses.find((u) => u.chapter.slug === chapter.slug && (use.compare ? u.compare?.n === use.compare.n : u.section?.slug === use.section?.slug));
        if (same && use.compare) throw new DjangoIndexError(`${where} covers \`${api}\` twice`);
        if (same) continue;
        entry.uses.push(use);
        entries.set(key, entry);
      }
    }
  }
  const ids = new Map<string, string>();
  for (const entry of entries.values()) {
    const other = ids.get(entry.id);
    if (other) throw new DjangoIndexError(`\`${entry.api}\` and \`${other}\` would share the anchor #${entry.id}: rename one`);
    ids.set(entry.id, entry.api);
  }
  const briefs = exercises.map((e) => ({ exercise: e, python: briefPython(e.brief) }));
  for (const entry of entries.values()) {
    entry.exercises = briefs
      .filter((b) => appearsIn(entry.api, b.python))
      .map(({ exercise }) => ({ name: exercise.name, title: exercise.title, href: `/exercises/${exercise.name}/` }));
  }
  return [...entries.values()].sort((a, b) => sortKey(a.api).localeCompare(sortKey(b.api), 'en') || a.api.localeCompare(b.api, 'en'));
}

/** The entries grouped under their first letter (A–Z; `<int:pk>` under I), for the page's headings. */
export function byLetter(entries: readonly IndexEntry[]): { letter: string; entries: IndexEntry[] }[] {
  const groups: { letter: string; entries: IndexEntry[] }[] = [];
  for (const entry of entries) {
    const letter = sortKey(entry.api).charAt(0).toUpperCase();
    const last = groups.at(-1);
    if (last?.letter === letter) last.entries.push(entry);
    else groups.push({ letter, entries: [entry] });
  }
  return groups;
}
