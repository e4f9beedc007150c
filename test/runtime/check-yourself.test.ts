/**
 * "Check yourself" (src/components/CheckYourself.astro): every ready
 * chapter has at least three questions, each well-formed and proven by a
 * test in test/snippets/<chapter>.check-yourself.test.ts; each chapter page
 * places the section the same way; and on the built site each answer is
 * hidden in a native <details> that opens on a click, with no script,
 * nothing clipped at 390 px and axe clean in both themes.
 *
 * The site is built here into a temporary folder by buildRuntimeSite()
 * (src/verify/runtime-site.ts), as site-polish.test.ts does (verify runs
 * this project before its own site build, so dist/ may be stale);
 * CHECK_YOURSELF_DIST=<folder> reuses a build of the current tree, which is
 * how verify shares one build between the two.
 * Screenshots of the opened section go to .screenshots/check-yourself.*.png.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyChapters } from '../../src/curriculum.ts';
import { inlineCode, type Question } from '../../src/components/check-yourself.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';
import { buildRuntimeSite } from '../../src/verify/runtime-site.ts';

const slugs = readyChapters.map((c) => c.slug);
// A missing file fails here, naming it.
const byChapter = new Map<string, readonly Question[]>(
  await Promise.all(
    slugs.map(async (slug) => [slug, ((await import(`../../content/${slug}/check-yourself.ts`)) as { default: readonly Question[] }).default] as const),
  ),
);
const questionsOf = (slug: string) => byChapter.get(slug) ?? [];
const proofFile = (slug: string) => `test/snippets/${slug}.check-yourself.test.ts`;

describe.each(slugs)('%s: questions', (slug) => {
  const list = questionsOf(slug);

  it('has at least three, with unique kebab-case ids', () => {
    expect(list.length).toBeGreaterThanOrEqual(3);
    const ids = list.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('offers distinct choices that contain the answer, and balanced `code` marks', () => {
    for (const q of list) {
      const where = `${slug}/${q.id}`;
      expect(q.choices.length, where).toBeGreaterThanOrEqual(2);
      expect(new Set(q.choices).size, where).toBe(q.choices.length);
      expect(q.choices, where).toContain(q.answer);
      for (const text of [q.question, q.answer, q.explanation, ...q.choices]) {
        expect(() => inlineCode(text), where).not.toThrow();
        // Plain text only: the page escapes these strings, so markup in the prose would show as tags.
        const prose = inlineCode(text).filter((_, k) => k % 2 === 0);
        expect(prose.join(' '), where).not.toMatch(/<[a-z/]/i);
      }
      expect(q.question.trim(), where).toMatch(/\?$/);
    }
  });

  it(`each is proven in ${proofFile(slug)}, which checks that none is left out`, () => {
    const source = readFileSync(proofFile(slug), 'utf8');
    expect(source).toContain(`from '../../content/${slug}/check-yourself.ts'`);
    expect(source).toContain('proof.everyQuestion()');
    for (const q of list) expect(source, q.id).toMatch(new RegExp(`^proof\\('${q.id}',`, 'm'));
  });
});

describe.each(slugs)('%s: the chapter page', (slug) => {
  const mdx = () => readFileSync(`content/${slug}/index.mdx`, 'utf8');

  it('imports the component once and ends with the section, just before the exercises if it has any', () => {
    const text = mdx();
    expect(text.match(/^import CheckYourself from '\.\.\/\.\.\/src\/components\/CheckYourself\.astro';$/gm)).toHaveLength(1);
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const at = headings.indexOf('Check yourself');
    expect(at, 'a "## Check yourself" section').toBeGreaterThan(-1);
    expect(headings.slice(at + 1), 'sections after it').toEqual(headings.includes('Exercises') ? ['Exercises'] : []);
    const section = text.slice(text.indexOf('## Check yourself'));
    expect(section.match(/<CheckYourself chapter="([^"]+)" \/>/g)).toEqual([`<CheckYourself chapter="${slug}" />`]);
  });
});

/* The built site. */

let out = process.env.CHECK_YOURSELF_DIST ?? '';
let removeBuild = () => {};
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;

const TYPES: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2' };

/** The built folder over HTTP (absolute /_astro/ paths need a server), on a free port. */
function serve(root: string): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

beforeAll(async () => {
  if (!out) {
    const site = await buildRuntimeSite();
    if (site.problem) throw new Error(`astro build failed:\n${site.problem}`);
    [out, removeBuild] = [site.dir, site.remove];
  }
  base = await serve(out);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  removeBuild();
});

/** The section as built: from its heading to the next h2 (or the end of the content). */
function section(slug: string): string {
  const html = readFileSync(join(out, slug, 'index.html'), 'utf8');
  const start = html.indexOf('<h2 id="check-yourself"');
  expect(start, `${slug}: the section heading`).toBeGreaterThan(-1);
  const next = html.indexOf('<h2', start + 10);
  return html.slice(start, next === -1 ? html.indexOf('</main>') : next);
}
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#39;|&#x27;/g, "'").replace(/&quot;|&#34;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe.each(slugs)('%s: built page', (slug) => {
  it('shows every question with its answer inside a closed <details>, summaries numbered, and no script', () => {
    const html = section(slug);
    const list = questionsOf(slug);
    expect(html).not.toMatch(/<script\b/);
    const items = [...html.matchAll(/<li id="cy-([^"]+)"[^>]*>([\s\S]*?)<\/details>/g)];
    expect(items.map((m) => m[1])).toEqual(list.map((q) => q.id));
    items.forEach(([, , body], i) => {
      const q = list[i]!;
      const [before, details] = body!.split(/<details\b/);
      // The question and its choices are outside the answer; the answer and its explanation inside it.
      expect(text(before!)).toContain(text(inlineCode(q.question).join('')));
      expect(details).not.toMatch(/^[^>]*\bopen\b/);
      expect(text(details!)).toContain(`Answer to question ${i + 1}`);
      expect(text(details!)).toContain(inlineCode(q.answer).join(''));
      expect(text(details!)).toContain(inlineCode(q.explanation).join(''));
      // Inline `code` is rendered as <code>, never as literal backticks.
      expect(text(body!)).not.toContain('`');
    });
  });
});

const PAGE = slugs.includes('04-middleware') ? '04-middleware' : slugs[0]!;

describe.each([
  { theme: 'light', width: 390 },
  { theme: 'dark', width: 390 },
  { theme: 'light', width: 1280 },
  { theme: 'dark', width: 1280 },
] as const)(`${PAGE} in Chromium, $theme theme, $width px`, ({ theme, width }) => {
  it('hides each answer until its summary is clicked, fits the width, and is axe clean with every answer open', async () => {
    browser ??= await launchChromium();
    // Reduced motion: the summary's marker has a rotation transition, and a screenshot mid-turn misleads.
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme, reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/${PAGE}/`, { waitUntil: 'load' });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const sectionEl = page.locator('ol.check-yourself');
      await sectionEl.scrollIntoViewIfNeeded();
      const answers = sectionEl.locator('details.cy-answer');
      const count = await answers.count();
      expect(count).toBe(questionsOf(PAGE).length);
      const second = questionsOf(PAGE)[1]!;
      const secondAnswer = answers.nth(1).locator('.cy-correct');

      // Closed: the answer is not shown. A click (or Enter on the focused summary) opens only that one.
      /** The section, cut from a full-page capture so the sticky header does not cover it. */
      const shoot = async (state: string) => {
        // At the top, the fixed header is drawn at the top of the capture, not over the section.
        await page.evaluate(() => window.scrollTo(0, 0));
        const box = (await sectionEl.boundingBox())!;
        const clip = { x: 0, y: box.y - 16, width, height: box.height + 32 };
        await page.screenshot({ path: `.screenshots/check-yourself.${theme}.${width}.${state}.png`, fullPage: true, clip });
      };
      mkdirSync('.screenshots', { recursive: true });
      await shoot('closed');
      expect(await secondAnswer.isVisible()).toBe(false);
      await page.getByText('Answer to question 2', { exact: true }).click();
      expect(await secondAnswer.isVisible()).toBe(true);
      expect(await secondAnswer.innerText()).toContain(inlineCode(second.answer).join(''));
      expect(await answers.nth(0).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await page.getByText('Answer to question 1', { exact: true }).focus();
      await page.keyboard.press('Enter');
      expect(await answers.nth(0).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

      await answers.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await shoot('open');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const axe = await new AxeBuilder({ page }).include('ol.check-yourself').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
