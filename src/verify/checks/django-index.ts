/**
 * The Django → TypeScript index (/django-index/), checked on the built site:
 *
 *   - the page holds one entry per API the chapters cover, no more, no
 *     fewer, each with exactly the links the collector computed;
 *   - every comparison link lands on a Django pane (figure.compare-django)
 *     that shows the API, under the h2/h3 linked beside it; a Django-only
 *     use's section shows the API in a code block; every exercise link
 *     lands on an exercise page;
 *   - the site's own search (Pagefind, run in Node on dist/pagefind) finds
 *     each API's entry on the index page when its name is typed.
 *
 * site.ts runs it after the build (its generic link check already knows
 * that every id exists; this one knows what each id must be). The browser
 * part, checkDjangoIndexLanding, clicks through in Chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { appearsIn } from '../../django-index/api-names.ts';
import { searchTerm, type IndexEntry, type Use } from '../../django-index/collect.ts';
import { loadIndex } from '../../django-index/load.ts';
import { searchBuiltSite } from '../../django-index/pagefind-node.ts';
import type { Report } from '../report.ts';

export const INDEX_PATH = '/django-index/';

/** The opening tag of the element with `id` in `html`, or null. */
function tagWithId(html: string, id: string): { name: string; attrs: string; at: number } | null {
  const at = html.indexOf(` id="${id}"`);
  if (at < 0) return null;
  const open = html.lastIndexOf('<', at);
  const tag = /^<([a-z0-9]+)([^>]*)>/.exec(html.slice(open));
  return tag ? { name: tag[1]!, attrs: tag[2]!, at: open } : null;
}

/**
 * The text of the element that opens at `at`, up to the first `</name>`:
 * one line per Expressive Code line (so a Python comment ends where its line
 * does), tags removed, character references decoded.
 */
function textFrom(html: string, at: number, name: string): string {
  const end = html.indexOf(`</${name}>`, at);
  return html
    .slice(at, end < 0 ? undefined : end)
    .replace(/<div class="ec-line/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
}

function pageHtml(dist: string, path: string): string | null {
  const file = join(dist, path, 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** Each entry's links as the built index page has them, by entry id. */
export function linksOnPage(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const entries = html.split(/<h3 id="/).slice(1);
  for (const chunk of entries) {
    const id = chunk.slice(0, chunk.indexOf('"'));
    const block = chunk.split(/<h[23] |<\/section>/)[0]!;
    out.set(id, [...block.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!));
  }
  return out;
}

/** The code blocks (<pre>) of `html` between two offsets, as text. */
function codeBetween(html: string, from: number, to: number): string {
  const slice = html.slice(from, to);
  return [...slice.matchAll(/<pre[ >]/g)].map((m) => textFrom(slice, m.index, 'pre')).join('\n');
}

/**
 * Each link of a use is followed as written on the page: its path to a
 * built page, its fragment to an element there. A comparison link must be
 * a Django pane that shows the API, under the section linked beside it; a
 * Django-only snippet's section must show the API in a code block.
 */
function useProblems(api: string, use: Use, dist: string): string[] {
  const path = `/${use.chapter.slug}/`;
  const page = pageHtml(dist, path);
  if (page === null) return [`\`${api}\`: ${path} was not built`];
  let heading: ReturnType<typeof tagWithId> = null;
  if (use.section) {
    const [sectionPath, slug = ''] = use.section.href.split('#') as [string, string?];
    heading = sectionPath === path ? tagWithId(page, slug) : null;
    if (!heading || !/^h[23]$/.test(heading.name)) return [`\`${api}\`: ${use.section.href} is not a section heading of ${path} (Astro slugged "${use.section.text}" differently?)`];
  }
  const from = heading?.at ?? 0;
  if (!use.compare) {
    const next = page.slice(from + 1).search(/<h[23][ >]/);
    const shown = codeBetween(page, from, next < 0 ? page.length : from + 1 + next);
    return appearsIn(api, shown) ? [] : [`\`${api}\`: no code block in ${use.section?.href ?? path} shows it`];
  }
  const [panePath, fragment = ''] = use.compare.href.split('#') as [string, string?];
  const pane = panePath === path ? tagWithId(page, fragment) : null;
  if (!pane || pane.name !== 'figure' || !/class="[^"]*\bcompare-django\b/.test(pane.attrs)) return [`\`${api}\`: ${use.compare.href} is not a comparison's Django pane`];
  if (!appearsIn(api, textFrom(page, pane.at, 'figure'))) return [`\`${api}\`: the pane at ${use.compare.href} does not show it`];
  if (heading && heading.at > pane.at) return [`\`${api}\`: section ${use.section!.href} comes after ${use.compare.href}`];
  if ((page.slice(from, pane.at).match(/<h[23][ >]/g)?.length ?? 0) > (heading ? 1 : 0)) return [`\`${api}\`: ${use.section?.href ?? path} is not the section right above ${use.compare.href}`];
  return [];
}

/** What is wrong with the built index page and its targets (empty when nothing is). */
export function builtIndexProblems(entries: readonly IndexEntry[], dist = 'dist'): string[] {
  const html = pageHtml(dist, INDEX_PATH);
  if (html === null) return [`${INDEX_PATH} was not built`];
  const problems: string[] = [];
  const onPage = linksOnPage(html);
  const expected = new Set(entries.map((e) => e.id));
  for (const id of onPage.keys()) if (!expected.has(id)) problems.push(`${INDEX_PATH}: entry #${id} is no API the chapters cover`);
  for (const entry of entries) {
    const links = onPage.get(entry.id);
    if (!links) {
      problems.push(`${INDEX_PATH}: no entry for \`${entry.api}\` (#${entry.id})`);
      continue;
    }
    const want = [...entry.uses.flatMap((u) => [u.section?.href ?? `/${u.chapter.slug}/`, ...(u.compare ? [u.compare.href] : [])]), ...entry.exercises.map((e) => e.href)];
    if (links.join(' ') !== want.join(' ')) problems.push(`${INDEX_PATH} #${entry.id}: links ${links.join(' ')}, expected ${want.join(' ')}`);
    for (const use of entry.uses) problems.push(...useProblems(entry.api, use, dist));
    for (const e of entry.exercises) if (pageHtml(dist, e.href) === null) problems.push(`\`${entry.api}\`: exercise page ${e.href} was not built`);
  }
  return problems;
}

/** APIs whose search term does not find their entry on the index page. */
export async function searchProblems(entries: readonly IndexEntry[], dist = 'dist'): Promise<string[]> {
  const results = await searchBuiltSite(entries.map((e) => searchTerm(e.api)), dist);
  return entries.flatMap((entry) => {
    const term = searchTerm(entry.api);
    const page = results.get(term)?.find((hit) => hit.url === INDEX_PATH);
    if (!page) return [`searching "${term}" does not find ${INDEX_PATH}`];
    if (!page.subUrls.includes(`${INDEX_PATH}#${entry.id}`)) return [`searching "${term}" finds ${INDEX_PATH} but not its entry #${entry.id}`];
    return [];
  });
}

export async function checkDjangoIndex(report: Report): Promise<void> {
  let entries: IndexEntry[];
  try {
    entries = loadIndex();
  } catch (error) {
    report.add('Django → TypeScript index: collected from the comparisons', false, (error as Error).message);
    return;
  }
  const comparisons = new Set(entries.flatMap((e) => e.uses.flatMap((u) => (u.compare ? [u.compare.href] : [])))).size;
  const snippets = entries.reduce((n, e) => n + e.uses.filter((u) => !u.compare).length, 0);
  const built = builtIndexProblems(entries);
  report.add(
    `Django → TypeScript index: ${entries.length} APIs, ${comparisons} comparisons and ${snippets} Django-only uses linked, each link lands on a pane, section or exercise that shows it`,
    built.length === 0,
    built.slice(0, 20).join('\n') || undefined,
  );
  const search = await searchProblems(entries);
  report.add(`site search (Pagefind, in Node) finds each of the ${entries.length} index entries by name`, search.length === 0, search.slice(0, 20).join('\n') || undefined);
}

/**
 * In Chromium, on the served site: following an index entry's comparison
 * link shows that comparison's Django pane, below the sticky header and the
 * "On this page" bar, at 1280 px and at 390 px, the latter with the phone
 * toggle left on TypeScript by an earlier visit (the link must still show
 * the Django side it points at).
 */
export async function checkDjangoIndexLanding(browser: Browser, base: string, report: Report, apis = ['select_related', 'transaction.atomic', 'MIDDLEWARE']): Promise<void> {
  const entries = loadIndex().filter((e) => apis.includes(e.api));
  const problems: string[] = [];
  for (const [width, height, stored] of [[1280, 900, null], [390, 844, 'ts']] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    if (stored) {
      await page.goto(base + INDEX_PATH);
      await page.evaluate((side) => localStorage.setItem('djts:compare-show', side), stored);
    }
    for (const entry of entries) {
      const compares = entry.uses.flatMap((u) => (u.compare ? [u.compare] : []));
      for (const [i, c] of compares.entries()) {
        await page.goto(`${base}${INDEX_PATH}#${entry.id}`, { waitUntil: 'load' });
        await page.locator(`[id="${entry.id}"]`).locator('xpath=..').locator('a[href$="-django"]').nth(i).click();
        await page.waitForURL(`**${c.href}`);
        await page.waitForLoadState('load');
        const where = await page.evaluate((id) => {
          const pane = document.getElementById(id)!;
          const box = pane.getBoundingClientRect();
          const x = box.left + box.width / 2;
          const covering = box.height > 0 ? document.elementFromPoint(x, box.top + 4) : null;
          // On a phone the Django | TypeScript tabs above the pane must be in view too.
          const tabs = pane.closest('.compare-wrap')?.querySelector<HTMLElement>('.compare-tabs');
          const tabsBox = tabs && getComputedStyle(tabs).display !== 'none' ? tabs.getBoundingClientRect() : null;
          const overTabs = tabsBox ? document.elementFromPoint(tabsBox.left + 8, tabsBox.top + 4) : null;
          return {
            visible: box.height > 0,
            top: box.top,
            covered: (covering !== null && !pane.contains(covering)) || (tabsBox !== null && !(overTabs && tabs!.contains(overTabs))),
            viewport: innerHeight,
          };
        }, `compare-${c.n}-django`);
        const label = `${width}px${stored ? ` (toggle stored on ${stored})` : ''} ${entry.api} → ${c.href}`;
        if (!where.visible) problems.push(`${label}: the Django pane is hidden`);
        else if (where.covered) problems.push(`${label}: the top of the pane (or its tabs, on a phone) is under the page header`);
        else if (where.top < 0 || where.top > where.viewport / 2) problems.push(`${label}: the pane is at ${Math.round(where.top)}px, not near the top`);
      }
    }
    await context.close();
  }
  report.add('Django → TypeScript index: a comparison link shows its Django pane, uncovered (1280 px; 390 px with the toggle on TypeScript)', problems.length === 0, problems.join('\n') || undefined);
}
