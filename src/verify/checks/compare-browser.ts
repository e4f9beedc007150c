/**
 * What a reader sees of the comparisons (<Compare>, src/components/Compare.astro)
 * in a real browser: room for both panes at 1280 px, code that is never
 * wrapped and never covered by the copy button, and on phones one pane at a
 * time behind Django | TypeScript tabs that work with mouse and keyboard, are
 * the same for every comparison on the page, survive a reload, and degrade to
 * both panes without JavaScript. Linked lines (hover or focus one group,
 * its counterpart lights up) are checked on every page with comparisons at
 * 1280 px and 390 px, and in both themes on chapters 3 and 4.
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
  problems.push(...(await linkedLinesProblems(page)));
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
  if (bad.length > 0) return [`${bad.length} of ${state.length} comparisons do not show exactly one pane with its tabs at phone width`];
  return mobileLinkedLinesProblems(page);
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

  // The linked lines live in the same panes; their theme and no-JavaScript checks run with the toggle's.
  await checkLinkedLines(browser, base, report);
}

// ---- Linked lines (Compare.astro `links`, CompareLinksScript.astro) --------

/** WCAG's minimum for a graphical object (the highlight's edge) against its background. */
export const MIN_EDGE_CONTRAST = 3;

/** Where every code line and caption of every comparison is, to prove that highlighting moves nothing. */
function layoutOf(page: Page) {
  return page.$$eval('.compare-wrap .ec-line, .compare-wrap figcaption, .compare-wrap', (els) =>
    els.map((e) => {
      // A hidden pane's lines have no box: scrolling must not count as moving them.
      if (e.getClientRects().length === 0) return 'hidden';
      const r = e.getBoundingClientRect();
      return `${Math.round(r.x)},${Math.round(r.y + window.scrollY)},${Math.round(r.width)},${Math.round(r.height)}`;
    }),
  );
}

/** What the page shows of link `i` of comparison `n` right now, and how its edge contrasts with the code's background. */
function linkState(page: Page, n: number, i: number) {
  return page.evaluate(
    ([n, i]) => {
      const wrap = document.querySelectorAll('.compare-wrap[data-links]')[n]!;
      const lit: Record<string, boolean> = {};
      for (const side of ['django', 'ts']) {
        const lines = [...wrap.querySelectorAll(`.compare-${side} .ec-line[data-link="${i}"]`)];
        lit[side] = lines.length > 0 && lines.every((l) => {
          const edge = getComputedStyle(l, '::after');
          return l.classList.contains('link-on') && edge.content !== 'none' && edge.borderLeftWidth === '2px';
        });
      }
      // WCAG relative luminance of the edge and of the code's background.
      const line = wrap.querySelector(`.compare-django .ec-line[data-link="${i}"]`);
      const colours = [line ? getComputedStyle(line, '::after').borderLeftColor : '', getComputedStyle(wrap.querySelector('.compare-django pre')!).backgroundColor];
      const lums = colours.map((c) => {
        const rgb = (/rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/.exec(c) ?? []).slice(1).map((v) => Number(v) / 255);
        if (rgb.length !== 3) return NaN;
        const [r, g, b] = rgb.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      });
      const contrast = (Math.max(lums[0]!, lums[1]!) + 0.05) / (Math.min(lums[0]!, lums[1]!) + 0.05);
      return {
        django: lit.django!,
        ts: lit.ts!,
        others: wrap.querySelectorAll(`.ec-line.link-on:not([data-link="${i}"])`).length,
        notes: [...wrap.querySelectorAll('.compare-link-note')].map((e) => e.textContent ?? ''),
        contrast: Number.isNaN(contrast) ? 0 : contrast,
        colours,
      };
    },
    [n, i] as const,
  );
}

/**
 * The linked lines of every comparison on a page already loaded at 1280 px:
 * each declared link has one keyboard stop per pane; hovering a linked line
 * and focusing a stop light the group and its counterpart (and nothing else),
 * fill both captions and move nothing; the stop's name says where the
 * counterpart is, Enter moves focus there, and the highlight's edge stands
 * out from the code's background by MIN_EDGE_CONTRAST. Leaves the page as it
 * found it (no hover, no focus).
 */
export async function linkedLinesProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const wraps = await page.$$eval('.compare-wrap', (ws) =>
    ws.map((w) => ({
      links: w.getAttribute('data-links') ? (JSON.parse(w.getAttribute('data-links')!) as unknown[]).length : 0,
      django: w.querySelectorAll('.compare-django .compare-link').length,
      ts: w.querySelectorAll('.compare-ts .compare-link').length,
    })),
  );
  const undeclared = wraps.filter((w) => w.links === 0).length;
  if (undeclared > 0) problems.push(`${undeclared} of ${wraps.length} comparisons declare no linked lines`);
  const unready = wraps.filter((w) => w.links > 0 && (w.django !== w.links || w.ts !== w.links)).length;
  if (unready > 0) return [...problems, `${unready} comparisons lack one keyboard stop per linked group in each pane (linked-lines script not running?)`];

  const before = await layoutOf(page);
  await page.evaluate(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number }>) (window as unknown as { shifts: number }).shifts += e.value;
    }).observe({ type: 'layout-shift' });
  });
  // Boxes that are not where they were before anything was lit.
  const diff = (a: string[], b: string[]) => (a.length !== b.length ? Infinity : a.filter((x, k) => x !== b[k]).length);
  let movedWhileLit = 0;
  const linked = wraps.flatMap((w, n) => (w.links > 0 ? [{ n, last: w.links - 1 }] : []));
  for (const { n, last } of linked) {
    const wrap = page.locator('.compare-wrap[data-links]').nth(n);
    const where = `comparison ${n + 1}`;
    // Hover: a Django line of the first link lights its TypeScript counterpart.
    const line = wrap.locator('.compare-django .ec-line[data-link="0"]').first();
    await line.scrollIntoViewIfNeeded();
    const box = await line.boundingBox();
    if (!box) {
      problems.push(`${where}: its first linked line is not on screen`);
      continue;
    }
    await page.mouse.move(box.x + Math.min(60, box.width / 2), box.y + box.height / 2);
    const hovered = await linkState(page, n, 0);
    movedWhileLit = Math.max(movedWhileLit, diff(before, await layoutOf(page)));
    if (!hovered.django || !hovered.ts || hovered.others > 0) problems.push(`${where}: hovering a linked Django line does not light exactly its group and the TypeScript counterpart`);
    if (hovered.notes.some((t) => !t.trim())) problems.push(`${where}: hovering a linked line leaves a caption without the link's label`);
    if (hovered.contrast < MIN_EDGE_CONTRAST) problems.push(`${where}: the highlight's edge contrasts ${hovered.contrast.toFixed(2)}:1 with the code background (need ${MIN_EDGE_CONTRAST}:1; ${hovered.colours.join(' on ')})`);
    await page.mouse.move(0, 0);

    // Keyboard: the last link's stop in the TypeScript pane.
    const stop = wrap.locator(`.compare-ts .compare-link[data-link="${last}"]`);
    await stop.focus();
    const focused = await linkState(page, n, last);
    movedWhileLit = Math.max(movedWhileLit, diff(before, await layoutOf(page)));
    if (!focused.django || !focused.ts || focused.others > 0) problems.push(`${where}: focusing a linked group's stop does not light it and its counterpart`);
    const name = (await stop.getAttribute('aria-label')) ?? '';
    if (!/ lines? [\d–, and]+, .+: match(es)? .+ lines? [\d–, and]+\. Go there\.$/.test(name)) problems.push(`${where}: a linked group's stop is not named with both sides' lines ("${name}")`);
    await page.keyboard.press('Enter');
    const moved = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return a?.classList.contains('compare-link') ? `${a.dataset.side}:${a.dataset.link}` : '';
    });
    if (moved !== `django:${last}`) problems.push(`${where}: Enter on a linked group's stop does not move focus to its counterpart (focus on "${moved}")`);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
  const lit = await page.locator('.compare-wrap .ec-line.link-on').count();
  if (lit > 0) problems.push(`${lit} lines stay lit after the pointer and the focus have left`);
  const moved = Math.max(movedWhileLit, diff(before, await layoutOf(page)));
  const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
  if (moved > 0 || shifts > 0) problems.push(`highlighting linked lines moved ${moved} of ${before.length} boxes (layout shift ${shifts.toFixed(4)})`);
  return problems;
}

/**
 * At phone width (one pane showing): the first comparison's first linked
 * stop says where its counterpart is, and Enter shows the other pane and
 * focuses the counterpart there. Puts the tabs back as they were.
 */
export async function mobileLinkedLinesProblems(page: Page): Promise<string[]> {
  const wrap = page.locator('.compare-wrap[data-links]').first();
  if ((await wrap.count()) === 0) return [];
  const side = await wrap.locator('.compare-tabs [aria-selected="true"]').getAttribute('data-side');
  const other = side === 'django' ? 'ts' : 'django';
  const otherLabel = (await wrap.locator(`.compare-tabs [data-side="${other}"]`).textContent())?.trim() ?? '';
  const stop = wrap.locator(`.compare-${side} .compare-link`).first();
  if ((await stop.count()) === 0) return ['the first comparison has no linked-group stop at phone width'];
  const problems: string[] = [];
  const before = await layoutOf(page);
  await stop.focus();
  const name = (await stop.getAttribute('aria-label')) ?? '';
  if (!name.includes('match') || !name.includes(` ${otherLabel} line`)) problems.push(`a linked stop does not say where its counterpart is at phone width ("${name}")`);
  const note = await wrap.locator('.compare-link-note-tabs').evaluate((e) => (e.getClientRects().length > 0 ? e.textContent ?? '' : ''));
  if (!/^↔ lines? \d/.test(note)) problems.push(`the tab row does not show where a focused group's counterpart is at phone width ("${note}")`);
  const lit = await layoutOf(page);
  const moved = before.length !== lit.length ? before.length : before.filter((b, k) => b !== lit[k]).length;
  if (moved > 0) problems.push(`focusing a linked group moved ${moved} of ${before.length} boxes at phone width`);
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return { side: a?.classList.contains('compare-link') ? a.dataset.side : '', visible: (a?.getClientRects().length ?? 0) > 0 };
  });
  if (after.side !== other || !after.visible) problems.push(`Enter on a linked stop at phone width does not show and focus its counterpart in the ${otherLabel} pane`);
  // Put the page's (remembered) choice back, so later pages start as before.
  if (side) await wrap.locator(`.compare-tabs [data-side="${side}"]`).click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return problems;
}

/**
 * The linked lines in both themes on chapters 3 and 4 (their highlight edge
 * is checked against each theme's code background), and their absence
 * without JavaScript: no stops, no lit lines, every code line still there.
 */
export async function checkLinkedLines(browser: Browser, base: string, report: Report) {
  const chapters = readyChapters.filter((c) => /^0[34]-/.test(c.slug));
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    for (const chapter of chapters) {
      const page = await context.newPage();
      await page.goto(`${base}/${chapter.slug}/`, { waitUntil: 'load' });
      const theme = await page.evaluate(() => document.documentElement.dataset.theme);
      const problems = theme === colorScheme ? await linkedLinesProblems(page) : [`theme is ${theme}`];
      report.add(`${colorScheme} 1280px /${chapter.slug}/: linked lines light their counterpart on hover and focus, named, Enter moves there, edge >= ${MIN_EDGE_CONTRAST}:1, nothing moves`, problems.length === 0, problems.join('\n') || undefined);
      await page.close();
    }
    await context.close();
  }
  const noScript = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const bare = await noScript.newPage();
  const chapter = chapters[0] ?? readyChapters[0]!;
  await bare.goto(`${base}/${chapter.slug}/`, { waitUntil: 'load' });
  const state = await bare.evaluate(() => ({
    stops: document.querySelectorAll('.compare-link, .ec-line.link-on').length,
    declared: document.querySelectorAll('.compare-wrap[data-links]').length,
    emptyPanes: [...document.querySelectorAll('.compare-pane')].filter((p) => p.querySelectorAll('.ec-line').length === 0).length,
  }));
  const ok = state.declared > 0 && state.stops === 0 && state.emptyPanes === 0;
  report.add(`1280px /${chapter.slug}/ without JavaScript: comparisons with links show plain panes`, ok, ok ? undefined : JSON.stringify(state));
  await noScript.close();
}
