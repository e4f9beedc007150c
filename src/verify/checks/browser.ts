/**
 * The built site in a real browser (Debian's Chromium through
 * playwright-core): every page loads without console errors, has zero axe
 * violations, and no horizontal scroll at phone width; search finds a
 * chapter; comparisons have room at 1280 px and a working Django |
 * TypeScript toggle on phones (compare-browser.ts); axe in dark mode on
 * every page with a diagram; screenshots at 1280 px
 * and 390 px go to .screenshots/ for a human to look at (not committed).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'astro';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { Report, type CheckResult } from '../report.ts';
import { checkCompareToggle, desktopCompareProblems, MIN_PANE_PX, mobileCompareProblems } from './compare-browser.ts';
import { checkDjangoIndexLanding } from './django-index.ts';
import { DIST, htmlPages } from './site.ts';
import { inLanes } from '../lanes.ts';

export const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '.screenshots';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

export function launchChromium(): Promise<Browser> {
  return launchChromiumWith([]);
}

/** Debian's Chromium, headless, with no background traffic of its own, plus `extra` flags. */
export function launchChromiumWith(extra: readonly string[]): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...extra],
  });
}

function routes(): string[] {
  return htmlPages()
    .filter((f) => f.endsWith('index.html') && !f.startsWith('pagefind'))
    .map((f) => '/' + f.replace(/index\.html$/, ''));
}

async function visit(page: Page, url: string) {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  // Expressive Code makes a code block that scrolls focusable (tabindex, for
  // keyboard users) from a ResizeObserver, 250 ms later and when the page is
  // idle: on a busy machine that can come after networkidle. Wait for it (up
  // to 5 s) so axe judges the page a reader gets, not one caught mid-setup;
  // a block still unreachable after that is reported by axe as before.
  await page
    .waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')), null, { timeout: 5_000 })
    .catch(() => undefined);
  return { status: response?.status() ?? 0, errors };
}

export async function checkBrowser(report: Report) {
  if (!existsSync(CHROMIUM)) {
    report.add('browser tests', false, 'missing system tool: run `sudo bash scripts/setup-system.sh` (installs chromium and postgresql, and creates .venv)');
    return;
  }
  mkdirSync(SHOTS, { recursive: true });
  const server = await preview({ root: process.cwd(), logLevel: 'error', server: { port: 4399, host: '127.0.0.1' } });
  const base = `http://127.0.0.1:${server.port}`;
  const browser = await launchChromium();
  try {
    for (const viewport of VIEWPORTS) {
      // Two pages at a time (LANES): the machine has two cores, and most of a
      // page's time is Chromium layout and axe, not this process. Results are
      // reported in route order, whatever order the pages finish in. Each page
      // gets its own context, so one page's checks (a tab click is remembered
      // in localStorage) never change what the other page starts with.
      const results = await inLanes(routes(), (route) => withPage(browser, { viewport, colorScheme: 'light' }, (page) => checkPage(page, base, route, viewport.name)));
      for (const r of results) report.add(r.name, r.ok, r.detail);
    }
    // The remaining checks each open their own context; two at a time, reported in this order.
    const buffered = await inLanes(
      [
        (r: Report) => checkCompareToggle(browser, base, r),
        (r: Report) => checkDarkMode(browser, base, r),
        (r: Report) => checkSearch(browser, base, r),
        (r: Report) => checkDjangoIndexLanding(browser, base, r),
      ],
      async (check) => {
        const lane = new BufferedReport();
        await check(lane);
        return lane.results;
      },
    );
    for (const r of buffered.flat()) report.add(r.name, r.ok, r.detail);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** A Report that keeps its results instead of printing them, for checks that run side by side. */
class BufferedReport extends Report {
  override add(name: string, ok: boolean, detail?: string) {
    this.results.push({ name, ok, detail });
  }
}

/** `work` on a page in a context of its own (nothing a page stores reaches another), closed afterwards. */
async function withPage<T>(browser: Browser, options: BrowserContextOptions, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

async function axeProblems(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations.map((v) => `axe ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
}

/** A route as a screenshot's file name: / is "home", /exercises/greet/ is "exercises_greet". */
const shotName = (route: string) => route.replace(/^\/|\/$/g, '').replaceAll('/', '_') || 'home';

async function checkPage(page: Page, base: string, route: string, viewport: (typeof VIEWPORTS)[number]['name']): Promise<CheckResult> {
  const { status, errors } = await visit(page, base + route);
  const label = `${viewport} ${route}`;
  const problems = [...(status === 200 ? [] : [`HTTP ${status}`]), ...errors.map((e) => `console: ${e}`)];
  if (viewport === 'mobile') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`page scrolls sideways by ${overflow}px at 390px`);
  }
  const comparisons = await page.locator('.compare').count();
  if (comparisons > 0) problems.push(...(await (viewport === 'mobile' ? mobileCompareProblems(page) : desktopCompareProblems(page))));
  problems.push(...(await axeProblems(page)));
  await page.screenshot({ path: `${SHOTS}/${shotName(route)}.${viewport}.png`, fullPage: true });
  const what = comparisons === 0 ? '' : viewport === 'mobile' ? 'one comparison pane at a time, ' : `comparison panes >= ${MIN_PANE_PX}px, unwrapped, uncovered, `;
  return { name: `${label}: loads, axe clean, ${viewport === 'mobile' ? 'no sideways scroll, ' : ''}${what}no console errors`, ok: problems.length === 0, detail: problems.join('\n') || undefined };
}

/**
 * Dark mode: axe on one page of every template — each chapter (comparisons,
 * diagrams), the home page, the other pages at the top level (the plan's
 * links, the workbook page), and the first exercise page — plus any other
 * page that shows a diagram (found in the built HTML, so a new diagram is
 * covered without a list).
 */
async function checkDarkMode(browser: Browser, base: string, report: Report) {
  const all = routes();
  const withDiagrams = all.filter((route) => readFileSync(join(DIST, route, 'index.html'), 'utf8').includes('<figure class="diagram'));
  const topLevel = all.filter((route) => route.split('/').length <= 3);
  const firstExercise = all.find((route) => route.startsWith('/exercises/'));
  const checked = [...new Set([...topLevel, ...(firstExercise ? [firstExercise] : []), ...withDiagrams])];
  const results = await inLanes(checked, (route) =>
    withPage(browser, { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }, async (page) => {
      await visit(page, base + route);
      const theme = await page.evaluate(() => document.documentElement.dataset.theme);
      const problems = [...(theme === 'dark' ? [] : [`theme is ${theme}`]), ...(await axeProblems(page))];
      await page.screenshot({ path: `${SHOTS}/${shotName(route)}.dark.png`, fullPage: true });
      return { name: `dark mode ${route}: theme "${theme}", axe clean`, ok: problems.length === 0, detail: problems.join('\n') || undefined };
    }),
  );
  for (const r of results) report.add(r.name, r.ok, r.detail);
  report.add(`dark mode covers every page with a diagram (${withDiagrams.length})`, withDiagrams.length > 0, withDiagrams.length ? undefined : 'no built page contains <figure class="diagram">: did Diagram.astro change its markup?');
}

async function checkSearch(browser: Browser, base: string, report: Report) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await visit(page, base + '/');
  await page.keyboard.press('Control+k');
  const input = page.locator('dialog[open] input[type="search"], dialog[open] input').first();
  await input.waitFor({ timeout: 5_000 });
  await input.fill('routing');
  const result = page.locator('dialog[open] a[href*="/02-routing/"]').first();
  let ok = true;
  try {
    await result.waitFor({ timeout: 10_000 });
  } catch {
    ok = false;
  }
  await page.screenshot({ path: `${SHOTS}/search.desktop.png` });
  report.add('search (Ctrl+K, "routing") finds the routing chapter', ok, ok ? undefined : 'no result linking to /02-routing/');
  await context.close();
}
