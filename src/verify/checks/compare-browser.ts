/**
 * What a reader sees of the comparisons (<Compare>, src/components/Compare.astro)
 * in a real browser: room for both panes at 1280 px, code that is never
 * wrapped and never covered by the copy button, and on phones one pane at a
 * time behind Django | TypeScript tabs that work with mouse and keyboard, are
 * the same for every comparison on the page, survive a reload, and degrade to
 * both panes without JavaScript.
 *
 * The functions given to page.evaluate / $$eval run in the browser: they use
 * no named helper functions (tsx would wrap those in a __name() call that
 * does not exist there).
 */
import type { Browser, Page } from 'playwright-core';
import { readyChapters } from '../../curriculum.ts';
import type { Report } from '../report.ts';

/** Narrowest pane accepted at 1280 px: about 60 characters of 0.8rem code. */
export const MIN_PANE_PX = 480;

/** Problems with the comparisons of a page already loaded at 1280 px. */
export async function desktopCompareProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const widths = await page.$$eval('.compare-pane', (els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
  const narrow = widths.filter((w) => w < MIN_PANE_PX);
  if (narrow.length > 0) problems.push(`${narrow.length} of ${widths.length} comparison panes narrower than ${MIN_PANE_PX}px (${narrow.join(', ')})`);
  // A wrapped line is taller than the page's single lines.
  const wrapped = await page.$$eval('.compare pre', (pres) =>
    pres
      .map((pre) => [...pre.querySelectorAll('.ec-line')].map((l) => l.getBoundingClientRect().height))
      .filter((hs) => hs.length > 0 && Math.max(...hs) > 1.5 * Math.min(...hs)).length,
  );
  if (wrapped > 0) problems.push(`${wrapped} comparison code blocks wrap a line`);
  const covered = await page.$$eval('.compare .frame', (frames) =>
    frames.filter((f) => {
      const b = f.querySelector('.copy button')?.getBoundingClientRect();
      return !!b && [...f.querySelectorAll('.ec-line')].some((l) => {
        const r = l.getBoundingClientRect();
        return r.top < b.bottom && b.top < r.bottom && r.left < b.right && b.left < r.right;
      });
    }).length,
  );
  if (covered > 0) problems.push(`the copy button covers code lines in ${covered} comparison panes`);
  const toc = await page.evaluate(() => ({
    // A page may have no "On this page" at all (the home page: tableOfContents: false).
    exists: !!document.querySelector('starlight-toc, mobile-starlight-toc'),
    column: document.querySelector('.right-sidebar-panel')?.getClientRects().length ?? 0,
    dropdown: document.querySelector('mobile-starlight-toc')?.getClientRects().length ?? 0,
  }));
  if (toc.exists && (toc.column > 0 || toc.dropdown === 0)) problems.push('"On this page" should be the top dropdown, not a right-hand column, on a page with comparisons');
  return problems;
}

/** Per comparison: how many panes show, and whether its tabs show. */
function paneState(page: Page) {
  return page.$$eval('.compare-wrap', (wraps) =>
    wraps.map((w) => ({
      django: w.querySelector('.compare-django')!.getClientRects().length > 0,
      ts: w.querySelector('.compare-ts')!.getClientRects().length > 0,
      tabs: (w.querySelector('.compare-tabs')?.getClientRects().length ?? 0) > 0,
      selected: [...w.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => (t as HTMLElement).dataset.side),
    })),
  );
}

/** Problems with the comparisons of a page already loaded at phone width. */
export async function mobileCompareProblems(page: Page): Promise<string[]> {
  const state = await paneState(page);
  const bad = state.filter((s) => Number(s.django) + Number(s.ts) !== 1 || !s.tabs);
  return bad.length > 0 ? [`${bad.length} of ${state.length} comparisons do not show exactly one pane with its tabs at phone width`] : [];
}

/** Every comparison shows `side` alone, and its tabs say so. */
async function showsOnly(page: Page, side: 'django' | 'ts'): Promise<boolean> {
  const state = await paneState(page);
  return state.length > 0 && state.every((s) => s[side] && !s[side === 'django' ? 'ts' : 'django'] && s.selected.length === 1 && s.selected[0] === side);
}

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The phone toggle on a chapter page: click, keyboard, synced across the
 * page, remembered across a reload; no sideways scroll at 360 px on any
 * chapter; both panes without JavaScript.
 */
export async function checkCompareToggle(browser: Browser, base: string, report: Report) {
  const chapter = readyChapters.find((c) => c.slug.startsWith('03')) ?? readyChapters[0]!;
  const route = `${base}/${chapter.slug}/`;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(route, { waitUntil: 'load' });
  const steps: Array<[string, boolean]> = [];
  steps.push(['Django shown first', await showsOnly(page, 'django')]);
  await page.locator('.compare-tabs [data-side="ts"]').first().click();
  steps.push(['a click on TypeScript switches every comparison', await showsOnly(page, 'ts')]);
  const second = page.locator('.compare-tabs').nth(1);
  await second.locator('[data-side="ts"]').focus();
  await page.keyboard.press('ArrowLeft');
  const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.side);
  steps.push(['ArrowLeft selects and focuses Django', (await showsOnly(page, 'django')) && focused === 'django']);
  await page.keyboard.press('End');
  steps.push(['End selects TypeScript', await showsOnly(page, 'ts')]);
  await page.reload({ waitUntil: 'load' });
  steps.push(['the choice survives a reload', await showsOnly(page, 'ts')]);
  steps.push(['no sideways scroll at 390px', (await sidewaysScroll(page)) <= 0]);
  const failed = steps.filter(([, ok]) => !ok).map(([what]) => what);
  report.add(`390px /${chapter.slug}/: Django | TypeScript tabs (click, keyboard, synced, remembered)`, failed.length === 0, failed.length ? `failed: ${failed.join('; ')}` : undefined);
  await context.close();

  const narrow = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const overflow: string[] = [];
  for (const c of readyChapters) {
    const p = await narrow.newPage();
    await p.goto(`${base}/${c.slug}/`, { waitUntil: 'load' });
    const by = await sidewaysScroll(p);
    if (by > 0) overflow.push(`/${c.slug}/ by ${by}px`);
    await p.close();
  }
  report.add('360px: no chapter page scrolls sideways', overflow.length === 0, overflow.join('\n') || undefined);
  await narrow.close();

  const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const bare = await noScript.newPage();
  await bare.goto(route, { waitUntil: 'load' });
  const state = await paneState(bare);
  const ok = state.length > 0 && state.every((s) => s.django && s.ts && !s.tabs);
  report.add(`390px /${chapter.slug}/ without JavaScript: both panes show, no tabs`, ok, ok ? undefined : 'some comparison hides a pane or shows tabs');
  await noScript.close();
}
