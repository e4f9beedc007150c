/**
 * "Solve it here" on the exercise pages (src/components/SolveHere.astro,
 * src/browser-runner/page/), on the built site in headless Chromium, served
 * from 127.0.0.1 with every other request refused:
 *
 * - before "Open the editor" is clicked, nothing of the editor or the runner
 *   is fetched (no CodeMirror in any script, nothing under runner/);
 * - after it: the editor holds the starter; Grade reports what `npm test`
 *   would (counts, the first failure); the reference is locked until a
 *   pass, then shows the real solution; the code, the pass and the hints
 *   survive a reload; "Download my file" gives the editor's text under the
 *   starter's name; a syntax error moves the cursor to its line; Reset asks
 *   first; the keyboard can leave the editor (Escape, then Tab);
 * - a page for an exercise that runs locally only shows why, and no editor;
 * - axe finds nothing in the section, light and dark, at 1280 and 390 px,
 *   and nothing is wider than a phone. Screenshots go to
 *   .screenshots/solve-here.<theme>.<width>.png.
 *
 * The site is built by buildRuntimeSite() (src/verify/runtime-site.ts);
 * SOLVE_HERE_DIST=<folder> reuses a build of the current tree.
 *
 * Until the real runner is built into the site (dist/runner/), this test
 * serves a stand-in runner/index.json and reference from memory, and
 * grades through the branch's fake client (src/browser-runner/client.ts).
 * The checks hold for either grader: the starter fails, the reference passes.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { RUNNER_DIR, RUNNER_INDEX, type RunnerIndex } from '../../src/browser-runner/contract.ts';
import { summarize } from '../../src/browser-runner/page/grade-summary.ts';
import { pasteFile } from '../../src/browser-runner/page/drive.ts';
import { lineAfterBrief } from '../../src/browser-runner/page/line-after-brief.ts';
import { loadExercise, progressKey, saveExercise } from '../../src/browser-runner/page/progress-store.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';
import { buildRuntimeSite } from '../../src/verify/runtime-site.ts';

const GREET = exercises.find((e) => e.name === 'greet')!;
const LOCAL_ONLY = exercises.find((e) => e.browser !== 'grades')!;
/** A starter as shipped (src/workbook/pristine-starters.json), whatever a learner did to exercises/ in this checkout. */
const pristine = (e: (typeof exercises)[number]) =>
  (JSON.parse(readFileSync('src/workbook/pristine-starters.json', 'utf8')) as { exercises: Record<string, { path: string; text: string }[]> }).exercises[e.name]!.find((f) => f.path === paths.starter(e))!.text;
const starter = pristine(GREET);
const reference = readFileSync(paths.solution(GREET), 'utf8');

/* What the results panel says, without a browser. */

describe('grade summary', () => {
  const graded = (outcomes: { name: string; state: 'pass' | 'fail' | 'local-only'; message?: string }[]) => {
    const count = (s: string) => outcomes.filter((o) => o.state === s).length;
    return {
      kind: 'graded' as const,
      outcomes: outcomes.map((o) => ({ ...o, durationMs: 1 })),
      passed: count('pass'),
      failed: count('fail'),
      localOnly: count('local-only'),
      solved: count('fail') === 0,
      timings: { loadMs: 0, totalMs: 1 },
    };
  };

  it('counts as npm test does and shows the first failure with its line breaks', () => {
    const s = summarize(graded([
      { name: 'greet > a', state: 'pass' },
      { name: 'greet > b', state: 'fail', message: 'expected 200\n\n- Expected\n+ Received' },
      { name: 'greet > c', state: 'fail', message: 'second' },
      { name: 'greet > d', state: 'local-only', message: 'needs --expose-gc' },
    ]), 'greet');
    expect(s.tone).toBe('failing');
    expect(s.counts).toBe('1 passed, 2 failed, 1 run only with npm test');
    expect(s.detail).toEqual({ title: 'greet > b', text: 'expected 200\n\n- Expected\n+ Received' });
    expect(s.localOnly).toEqual([{ name: 'greet > d', reason: 'needs --expose-gc' }]);
  });

  it('says solved, and what npm test adds', () => {
    const s = summarize(graded([{ name: 'greet > a', state: 'pass' }]), 'greet');
    expect(s.tone).toBe('solved');
    expect(s.counts).toBe('1 passed, 0 failed');
    expect(s.headline).toContain('`npm test -- greet` also type-checks');
  });

  it('calls a grade in which no test could run neither solved nor failing', () => {
    const s = summarize(graded([{ name: 'greet > gc', state: 'local-only', message: 'needs --expose-gc' }]), 'greet');
    expect(s).toMatchObject({ tone: 'error', headline: 'No test ran here: `npm test -- greet` grades it.' });
  });

  it('reads the line and column of a syntax error, and names each other error', () => {
    expect(summarize({ kind: 'error', stage: 'strip', message: 'Unexpected token, expected "," (12:7)' }, 'greet')).toMatchObject({
      tone: 'error',
      position: { line: 12, column: 7 },
      headline: expect.stringContaining('line 12, column 7'),
    });
    expect(summarize({ kind: 'error', stage: 'timeout', message: 'stopped after 10 s' }, 'greet').headline).toContain('an endless loop?');
    expect(summarize({ kind: 'error', stage: 'load', message: 'ReferenceError: x' }, 'greet').headline).toContain('does not load');
    expect(summarize({ kind: 'error', stage: 'crash', message: 'out of memory' }, 'greet').headline).toContain('Grade again');
  });
});

describe('progress in local storage', () => {
  const store = (entries: Record<string, string>) => {
    const map = new Map(Object.entries(entries));
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) } as Storage;
  };

  it('round-trips, and keeps what is valid of a damaged entry', () => {
    const s = store({});
    expect(saveExercise('greet', { code: 'x', solved: true, hintsSeen: 2 }, s)).toBe(true);
    expect(loadExercise('greet', s)).toEqual({ code: 'x', solved: true, hintsSeen: 2 });
    expect(loadExercise('greet', store({ [progressKey('greet')]: '{"code":7,"solved":"yes","hintsSeen":1}' }))).toEqual({ code: null, solved: false, hintsSeen: 1 });
    expect(loadExercise('greet', store({ [progressKey('greet')]: 'not json' }))).toEqual({ code: null, solved: false, hintsSeen: 0 });
    expect(loadExercise('greet', null)).toEqual({ code: null, solved: false, hintsSeen: 0 });
    expect(saveExercise('greet', { code: null, solved: false, hintsSeen: 0 }, null)).toBe(false);
  });
});

describe('where the editor opens', () => {
  it('at the first line after the brief, or the top', () => {
    expect(lineAfterBrief('/**\n * brief\n */\n\nexport const x = 1;\n')).toBe(5);
    expect(lineAfterBrief('/* one line */\nlet y;')).toBe(2);
    expect(lineAfterBrief('export const x = 1;\n')).toBe(1);
    expect(lineAfterBrief('/** never closed\n')).toBe(1);
    const line = starter.split('\n')[lineAfterBrief(starter) - 1]!;
    expect(line.trim(), 'greet opens on code, not on its brief').not.toMatch(/^(\*|\/\*|$)/);
  });
});

/* The built site. */

let out = process.env.SOLVE_HERE_DIST ?? '';
let removeBuild = () => {};
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;

const TYPES: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2', '.ts': 'text/plain' };

/**
 * Files served from memory before the folder: the runner's index and greet's
 * reference, as the site build will write them under runner/, while the
 * build has none yet (never written into the build, which verify shares with
 * other tests).
 */
const standIn = new Map<string, string>();

function serve(root: string): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const virtual = standIn.get(path);
    if (virtual !== undefined) return void res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'text/plain' }).end(virtual);
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

function standInRunner(root: string): void {
  if (existsSync(join(root, RUNNER_DIR, RUNNER_INDEX))) return;
  const index: RunnerIndex = {
    version: 'stand-in',
    worker: 'worker.js',
    exercises: { greet: { grader: 'graders/greet.js', reference: 'references/greet.ts', starterPath: paths.starter(GREET) } },
  };
  standIn.set(`/${RUNNER_DIR}/${RUNNER_INDEX}`, JSON.stringify(index));
  standIn.set(`/${RUNNER_DIR}/references/greet.ts`, reference);
}

beforeAll(async () => {
  if (!out) {
    const site = await buildRuntimeSite();
    if (site.problem) throw new Error(`astro build failed:\n${site.problem}`);
    [out, removeBuild] = [site.dir, site.remove];
  }
  standInRunner(out);
  base = await serve(out);
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  removeBuild();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every URL asked for, in order. */
  requests: string[];
  /** Scripts received: URL and body. */
  scripts: { url: string; body: string }[];
  blocked: string[];
  errors: string[];
}

/** A fresh browser profile (empty local storage) that refuses every request but ours, and records what it loads. */
async function open(options: { width?: number; theme?: 'light' | 'dark' } = {}): Promise<Watched> {
  const context = await browser!.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.theme ?? 'light', reducedMotion: 'reduce', acceptDownloads: true });
  const w: Watched = { context, page: await context.newPage(), requests: [], scripts: [], blocked: [], errors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    w.blocked.push(url);
    return route.abort();
  });
  w.page.on('request', (r) => void w.requests.push(r.url()));
  w.page.on('response', async (r) => {
    if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) w.scripts.push({ url: r.url(), body: await r.text().catch(() => '') });
  });
  w.page.on('console', (m) => m.type() === 'error' && w.errors.push(m.text()));
  w.page.on('pageerror', (e) => w.errors.push(e.message));
  return w;
}

const greetUrl = () => `${base}/exercises/greet/`;
const section = (page: Page) => page.locator('section.solve-here');
const button = (page: Page, name: string | RegExp) => section(page).getByRole('button', { name });

/** A full-page capture cut to `selector` (from the top, so the sticky header is not drawn over it). */
async function shoot(page: Page, selector: string, name: string): Promise<void> {
  mkdirSync('.screenshots', { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = (await page.locator(selector).first().boundingBox())!;
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: `.screenshots/solve-here.${name}.png`, fullPage: true, clip: { x: 0, y: box.y - 16, width, height: box.height + 32 } });
}

async function openEditor(page: Page): Promise<void> {
  await button(page, 'Open the editor').click();
  await section(page).locator('.cm-content').waitFor();
}

/** The editor's whole text, as "Download my file" gives it (CodeMirror draws only the lines in view). */
async function downloaded(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Download my file').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Replaces the editor's text as a learner pasting would (one input event, no auto-indent per line). */
async function grade(page: Page): Promise<string> {
  const results = section(page).locator('.sh-results');
  await button(page, /^Grade/).click();
  await page.waitForFunction(() => {
    const tone = document.querySelector<HTMLElement>('.solve-here .sh-results')?.dataset.tone;
    return tone !== undefined && tone !== 'busy';
  }, null, { timeout: 30_000 });
  return results.innerText();
}

/** An attribute's value as the browser reads it. */
const decodeEntities = (text: string) =>
  text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(quot|amp|lt|gt|apos));/gi, (_, dec, hex, name) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" } as Record<string, string>)[name.toLowerCase()]!,
  );

describe.each(exercises.map((e) => [e.name, e] as const))('%s: the built page', (name, exercise) => {
  const html = () => readFileSync(join(out, 'exercises', name, 'index.html'), 'utf8');
  if (exercise.browser === 'grades') {
    it('has the section, closed, with its starter as shipped and no editor script of its own', () => {
      const page = html();
      const at = page.indexOf('<section class="solve-here"');
      expect(at).toBeGreaterThan(-1);
      const part = page.slice(at, page.indexOf('</section>', at));
      const attribute = /^<section class="solve-here" data-solve-here="([^"]*)"/.exec(part)?.[1];
      expect(JSON.parse(decodeEntities(attribute!))).toEqual({ exercise: name, starterPath: paths.starter(exercise), starter: pristine(exercise), database: exercise.engine !== null });
      expect(part).toMatch(/<button type="button" class="sh-button sh-primary sh-open"[^>]*>Open the editor<\/button>/);
      expect(part).toMatch(/<div class="sh-workspace"[^>]* hidden/);
      // Postgres is named only where the grader uses it.
      expect(part.slice(0, part.indexOf('sh-solved')).includes('Postgres')).toBe(exercise.engine !== null);
      expect(page).not.toContain('Runs locally only');
    });
  } else {
    it('says it runs locally only, why, and how; no editor', () => {
      const page = html();
      expect(page).toContain('Runs locally only');
      expect(page).toContain(`npm test -- ${name}`);
      expect(page).not.toContain('class="solve-here"');
      expect(page).not.toMatch(/SolveHere\.astro[^"]*\.js/);
    });
  }
});

describe('greet: Solve it here in Chromium', () => {
  it('loads nothing of the editor or the runner before the click; the editor then holds the starter', async () => {
    const w = await open();
    try {
      await w.page.goto(greetUrl(), { waitUntil: 'load' });
      await w.page.waitForLoadState('networkidle');
      const eager = w.scripts.filter((s) => s.url.startsWith(base));
      const eagerGzip = eager.reduce((sum, s) => sum + gzipSync(s.body).length, 0);
      console.log(`greet page: ${eager.length} script files before the click, ${eagerGzip} B gzip (inline scripts not counted)`);
      expect(w.requests.filter((u) => u.includes(`/${RUNNER_DIR}/`)), 'runner files before the click').toEqual([]);
      // CodeMirror's class names are string literals that survive minification.
      expect(eager.filter((s) => s.body.includes('cm-content')).map((s) => s.url), 'CodeMirror before the click').toEqual([]);
      await expect.poll(() => section(w.page).locator('.cm-editor').count()).toBe(0);

      const before = w.requests.length;
      const clicked = performance.now();
      await openEditor(w.page);
      console.log(`editor open ${Math.round(performance.now() - clicked)} ms after the click (chunk fetched and CodeMirror mounted; load ${loadavg()[0]!.toFixed(2)})`);
      const after = w.requests.slice(before);
      expect(after.some((u) => u.includes('/_astro/')), 'the editor chunk is fetched on the click').toBe(true);
      expect(after.filter((u) => u.includes(`/${RUNNER_DIR}/`)), 'opening does not start the runner').toEqual([]);
      await expect.poll(() => w.page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
      expect(await section(w.page).locator('.cm-content').getAttribute('aria-label')).toBe('Your code: greet.ts');
      // The cursor waits on the first line of code, below the brief the page already shows.
      const codeLine = lineAfterBrief(starter);
      expect(await section(w.page).locator('.cm-activeLineGutter').innerText()).toBe(String(codeLine));
      expect(await section(w.page).locator('.cm-activeLine').innerText()).toBe(starter.split('\n')[codeLine - 1]);
      expect(await section(w.page).innerText()).toContain('The browser does not type-check your code');
      const file = await downloaded(w.page);
      expect(file).toEqual({ name: 'greet.ts', text: starter });
      expect(await section(w.page).locator('.sh-download-note').innerText()).toBe(`Download my file gives greet.ts. Put it at ${paths.starter(GREET)} and run npm test -- greet.`);
      expect(w.blocked).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 60_000);

  it('grades: the starter fails as npm test says, the reference passes and unlocks the reference; all of it survives a reload', async () => {
    const w = await open();
    try {
      await w.page.goto(greetUrl(), { waitUntil: 'load' });
      await openEditor(w.page);
      const lock = section(w.page).locator('[data-action="reference"]');
      expect(await lock.isDisabled(), 'the reference is locked before a pass').toBe(true);
      expect(await lock.innerText()).toBe('Reference (after a pass)');

      // The first grade starts the runner, and says so while it does (every state of the panel and the button is recorded).
      await w.page.evaluate(() => {
        const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
        const panel = document.querySelector('.solve-here .sh-results')!;
        const gradeButton = document.querySelector('.solve-here [data-action="grade"]')!;
        const record = () => seen.push(`${gradeButton.textContent}|${gradeButton.getAttribute('aria-disabled')}|${panel.textContent}`);
        new MutationObserver(record).observe(panel.parentElement!, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const failing = await grade(w.page);
      const seen = await w.page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      expect(seen, 'busy while grading').toContain('Grading…|true|Starting the grader in your browser…');
      expect(seen.at(-1)).toMatch(/^Grade\|null\|/);
      expect(failing).toMatch(/Not solved yet/);
      expect(failing).toMatch(/\d+ passed, [1-9]\d* failed/);
      expect(failing).toMatch(/greet > /);
      expect(await section(w.page).locator('.sh-message').count()).toBe(1);
      expect(failing).toContain(`Stuck? Next hint shows hint 1 of ${GREET.hints.length}.`);
      expect(await lock.isDisabled()).toBe(true);
      expect(await section(w.page).locator('.sh-solved').isVisible()).toBe(false);

      await pasteFile(w.page, reference);
      expect((await downloaded(w.page)).text).toBe(reference);
      // Ctrl+Enter in the editor grades too.
      await section(w.page).locator('.cm-content').focus();
      await w.page.keyboard.press('ControlOrMeta+Enter');
      await w.page.waitForFunction(() => document.querySelector<HTMLElement>('.solve-here .sh-results')?.dataset.tone === 'solved', null, { timeout: 30_000 });
      expect(await section(w.page).locator('.sh-results').innerText()).toMatch(/Solved: every test that runs here passes[\s\S]*\d+ passed, 0 failed/);
      expect((await downloaded(w.page)).text, 'Ctrl+Enter adds no line').toBe(reference);
      expect(await section(w.page).locator('.sh-solved').innerText()).toContain('Solved in this browser');

      expect(await lock.isDisabled()).toBe(false);
      await lock.click();
      const shown = section(w.page).locator('.sh-reference');
      await shown.locator('.cm-content').waitFor();
      expect(w.requests.filter((u) => u.includes(`/${RUNNER_DIR}/`)).map((u) => u.slice(base.length))).toEqual(
        expect.arrayContaining([`/${RUNNER_DIR}/${RUNNER_INDEX}`, expect.stringMatching(/greet/)]),
      );
      const shownText = await shown.locator('.cm-content').innerText();
      for (const line of reference.split('\n').filter((l) => l.trim()).slice(0, 5)) expect(shownText).toContain(line.trim());
      expect(await shown.locator('.cm-content').getAttribute('contenteditable')).toBe('false');
      await shoot(w.page, '.solve-here .sh-workspace', 'solved.light.1280');

      // A hint, then a reload: code, pass and hints are kept in this browser.
      await button(w.page, 'Next hint').click();
      expect(await section(w.page).locator('.sh-hints li:not([hidden])').count()).toBe(1);
      await w.page.reload({ waitUntil: 'load' });
      await expect.poll(() => section(w.page).locator('.sh-solved').isVisible(), { message: 'solved shows before the editor opens' }).toBe(true);
      await openEditor(w.page);
      expect((await downloaded(w.page)).text).toBe(reference);
      expect(await section(w.page).locator('.sh-hints li:not([hidden])').count()).toBe(1);
      expect(await section(w.page).locator('.sh-hint-count').innerText()).toMatch(new RegExp(`Hint 1 of ${GREET.hints.length}`));
      expect(await section(w.page).locator('[data-action="reference"]').innerText()).toBe('Show the reference');
      const saved = JSON.parse((await w.page.evaluate((key) => localStorage.getItem(key), progressKey('greet')))!);
      expect(saved).toMatchObject({ code: reference, solved: true, hintsSeen: 1 });

      // Every hint, one at a time, then no more.
      for (let i = 1; i < GREET.hints.length; i++) await button(w.page, 'Next hint').click();
      expect(await section(w.page).locator('.sh-hints li:not([hidden])').count()).toBe(GREET.hints.length);
      expect(await section(w.page).getByRole('button', { name: 'No more hints' }).isDisabled()).toBe(true);
      expect(w.blocked).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 90_000);

  it('puts the cursor on a syntax error, resets only when asked, and lets the keyboard leave the editor', async () => {
    const w = await open();
    try {
      await w.page.goto(greetUrl(), { waitUntil: 'load' });
      await openEditor(w.page);
      const broken = 'export function greet(request: Request) {\n  return new Response("hi");\n\n}}\n';
      await pasteFile(w.page, broken);
      const text = await grade(w.page);
      expect(text).toMatch(/does not parse at line \d+, column \d+/);
      const [, line] = /line (\d+)/.exec(text)!;
      await expect.poll(() => w.page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
      expect(await section(w.page).locator('.cm-activeLineGutter').innerText()).toBe(line);

      // Tab indents inside the editor; Escape then Tab moves on, to the Grade button.
      await w.page.keyboard.press('Tab');
      expect(await w.page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
      await w.page.keyboard.press('Escape');
      await w.page.keyboard.press('Tab');
      expect(await w.page.evaluate(() => document.activeElement?.textContent)).toBe('Grade');
      await w.page.keyboard.press('Shift+Tab');
      expect(await w.page.evaluate(() => document.activeElement?.classList.contains('cm-content')), 'Shift+Tab goes back into the editor').toBe(true);

      // Reset asks; "Cancel" keeps the code, "OK" brings the starter back.
      const answers = [false, true];
      const asked: string[] = [];
      w.page.on('dialog', (d) => {
        asked.push(d.message());
        void (answers.shift() ? d.accept() : d.dismiss());
      });
      const typed = (await downloaded(w.page)).text;
      await button(w.page, 'Reset to starter').click();
      expect((await downloaded(w.page)).text).toBe(typed);
      await button(w.page, 'Reset to starter').click();
      expect(asked).toHaveLength(2);
      expect(asked[0]).toContain('Replace your code with the starter of greet.ts? Undo (Ctrl+Z');
      expect((await downloaded(w.page)).text).toBe(starter);
      expect(await section(w.page).locator('.sh-results').innerText()).toContain('Undo (Ctrl+Z');
      const saved = JSON.parse((await w.page.evaluate((key) => localStorage.getItem(key), progressKey('greet')))!);
      expect(saved).toMatchObject({ code: null, beforeReset: typed });
      // Undo in the editor brings the code back, as the dialog says.
      await section(w.page).locator('.cm-content').focus();
      await w.page.keyboard.press('ControlOrMeta+Z');
      expect((await downloaded(w.page)).text).toBe(typed);
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 60_000);
});

describe('greet when the browser refuses local storage', () => {
  it('says the code will not survive a reload, and still grades', async () => {
    const w = await open();
    try {
      // As a full quota does; only for this page's keys (Starlight's own theme script does not expect a throw).
      await w.context.addInitScript((prefix) => {
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key: string, value: string) {
          if (key.startsWith(prefix)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          setItem.call(this, key, value);
        };
      }, progressKey(''));
      await w.page.goto(greetUrl(), { waitUntil: 'load' });
      await openEditor(w.page);
      const warning = section(w.page).locator('.sh-storage-warning');
      expect(await warning.isVisible()).toBe(false);
      await pasteFile(w.page, reference);
      await expect.poll(() => warning.isVisible()).toBe(true);
      expect(await warning.innerText()).toContain('it will be gone after a reload');
      expect(await grade(w.page)).toMatch(/Solved/);
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 60_000);
});

describe(`${LOCAL_ONLY.name}: runs locally only`, () => {
  it('says why, with the command, and has no editor', async () => {
    const w = await open();
    try {
      await w.page.goto(`${base}/exercises/${LOCAL_ONLY.name}/`, { waitUntil: 'load' });
      const note = w.page.locator('aside', { hasText: 'Runs locally only' });
      expect(await note.count()).toBe(1);
      const text = (await note.innerText()).replace(/\s+/g, ' ');
      const reason = typeof LOCAL_ONLY.browser === 'object' ? LOCAL_ONLY.browser.localOnly : '';
      expect(text).toContain(reason.replace(/`/g, '').slice(0, 60));
      expect(text).toContain(`npm test -- ${LOCAL_ONLY.name}`);
      expect(await w.page.locator('section.solve-here, .cm-editor').count()).toBe(0);
      expect(await w.page.getByRole('button', { name: 'Open the editor' }).count()).toBe(0);
      await shoot(w.page, 'aside:has-text("Runs locally only")', 'local-only.light.1280');
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, 30_000);
});

describe.each([
  { theme: 'light', width: 1280 },
  { theme: 'dark', width: 1280 },
  { theme: 'light', width: 390 },
  { theme: 'dark', width: 390 },
] as const)('greet opened and graded, $theme theme, $width px', ({ theme, width }) => {
  it('fits the width (buttons wrap, the editor spans the column), shows focus, and is axe clean', async () => {
    const w = await open({ width, theme });
    try {
      await w.page.goto(greetUrl(), { waitUntil: 'load' });
      expect(await w.page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await shoot(w.page, 'section.solve-here', `${theme}.${width}.closed`);
      // Closed, the whole page, as verify's browser stage checks every page.
      const closedAxe = await new AxeBuilder({ page: w.page }).analyze();
      // Joined into one string, with a label: a failure then prints the problem, where an array printed as "[ Array(1) ]".
      expect(closedAxe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`).join('\n'), 'axe, the page before the editor opens').toBe('');
      await openEditor(w.page);
      await button(w.page, 'Next hint').click();
      await grade(w.page);
      // The focus ring, as a keyboard user sees it (Tab from the button before), in the screenshot too.
      await button(w.page, 'Reset to starter').focus();
      await w.page.keyboard.press('Tab');
      expect(await w.page.evaluate(() => document.activeElement?.matches(':focus-visible') && document.activeElement.textContent)).toBe('Download my file');
      expect(await button(w.page, 'Download my file').evaluate((b) => getComputedStyle(b).outlineStyle)).toBe('solid');
      expect(await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'the page scrolls sideways by').toBeLessThanOrEqual(0);
      const editorBox = (await section(w.page).locator('.sh-editor').boundingBox())!;
      const columnBox = (await section(w.page).boundingBox())!;
      expect(Math.abs(editorBox.width - columnBox.width), 'the editor is narrower or wider than its column by').toBeLessThanOrEqual(1);
      const toolbar = (await section(w.page).locator('.sh-toolbar').boundingBox())!;
      expect(toolbar.x + toolbar.width, 'the toolbar ends at').toBeLessThanOrEqual(width);

      await shoot(w.page, 'section.solve-here', `${theme}.${width}`);
      const axe = await new AxeBuilder({ page: w.page }).include('section.solve-here').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`).join('\n'), 'axe, the open section').toBe('');
      expect(w.errors.join('\n'), 'console errors and page errors').toBe('');
    } finally {
      await w.context.close();
    }
  }, 60_000);
});
