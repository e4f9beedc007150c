/**
 * The built site in a real browser (Debian's Chromium through
 * playwright-core): every page loads without console errors, has zero axe
 * violations, and no horizontal scroll at phone width; search finds a
 * chapter; comparisons have room at 1280 px and a working Django |
 * TypeScript toggle on phones (compare-browser.ts); screenshots at 1280 px
 * and 390 px go to .screenshots/ for a human to look at (not committed).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { preview } from 'astro';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readyChapters } from '../../curriculum.ts';
import type { Report } from '../report.ts';
import { checkCompareToggle, desktopCompareProblems, MIN_PANE_PX, mobileCompareProblems } from './compare-browser.ts';
import { htmlPages } from './site.ts';

export const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '.screenshots';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
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
      const context = await browser.newContext({ viewport, colorScheme: 'light' });
      for (const route of routes()) {
        const page = await context.newPage();
        const { status, errors } = await visit(page, base + route);
        const label = `${viewport.name} ${route}`;
        const problems = [...(status === 200 ? [] : [`HTTP ${status}`]), ...errors.map((e) => `console: ${e}`)];
        if (viewport.name === 'mobile') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`page scrolls sideways by ${overflow}px at 390px`);
        }
        const comparisons = await page.locator('.compare').count();
        if (comparisons > 0) problems.push(...(await (viewport.name === 'mobile' ? mobileCompareProblems(page) : desktopCompareProblems(page))));
        const axe = await new AxeBuilder({ page }).analyze();
        problems.push(...axe.violations.map((v) => `axe ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`));
        const name = route === '/' ? 'home' : route.replace(/^\/|\/$/g, '').replaceAll('/', '_');
        await page.screenshot({ path: `${SHOTS}/${name}.${viewport.name}.png`, fullPage: true });
        const what = comparisons === 0 ? '' : viewport.name === 'mobile' ? 'one comparison pane at a time, ' : `comparison panes >= ${MIN_PANE_PX}px, unwrapped, uncovered, `;
        report.add(`${label}: loads, axe clean, ${viewport.name === 'mobile' ? 'no sideways scroll, ' : ''}${what}no console errors`, problems.length === 0, problems.join('\n') || undefined);
        await page.close();
      }
      await context.close();
    }
    await checkCompareToggle(browser, base, report);
    await checkDarkMode(browser, base, report);
    await checkSearch(browser, base, report);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function checkDarkMode(browser: Browser, base: string, report: Report) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const route = `/${readyChapters[0]!.slug}/`;
  await visit(page, base + route);
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  const axe = await new AxeBuilder({ page }).analyze();
  await page.screenshot({ path: `${SHOTS}/${readyChapters[0]!.slug}.dark.png`, fullPage: true });
  report.add(`dark mode ${route}: theme "${theme}", axe clean`, theme === 'dark' && axe.violations.length === 0, axe.violations.map((v) => `axe ${v.id}: ${v.help}`).join('\n') || (theme === 'dark' ? undefined : `theme is ${theme}`));
  await context.close();
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
