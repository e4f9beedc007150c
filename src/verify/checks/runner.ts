/**
 * The browser runner, proven in Chromium against the built site (issue 15):
 *   - every exercise whose manifest says `browser: 'grades'`: its page
 *     loads nothing of the runner before the click; graded there, the
 *     reference is solved with the CLI's test names in the CLI's order, and
 *     the untouched starter and every known-wrong variant are not solved;
 *   - every `localOnly` exercise page says why, and offers no editor;
 *   - every Run demo on a chapter page answers its presets with the
 *     declared statuses;
 * all with every request outside 127.0.0.1 refused (offline, self-hosted).
 */
import { existsSync, readFileSync } from 'node:fs';
import { preview } from 'astro';
import type { Browser, Page } from 'playwright-core';
import { exercises, paths, readyChapters, type Exercise } from '../../curriculum.ts';
import { runVitest } from '../../workbook/grading/run-vitest.ts';
import { wrongVariants } from '../../workbook/variants.ts';
import { checkDemosOnPage } from '../../browser-runner/demos/check-demos.ts';
import { gradeInPage, openEditor, readLocalOnlyNote } from '../../browser-runner/page/drive.ts';
import { cliReferenceNames } from '../cli-names.ts';
import { inLanes } from '../lanes.ts';
import type { Report } from '../report.ts';
import { seconds } from '../run.ts';
import { CHROMIUM, launchChromiumWith } from './browser.ts';


const browserGraded = () => exercises.filter((e) => e.browser === 'grades');

async function referenceNames(report: Report): Promise<Map<string, string[]> | undefined> {
  const wanted = browserGraded();
  if (wanted.every((e) => cliReferenceNames.has(e.name))) return cliReferenceNames;
  const run = await runVitest({ target: 'solutions', files: wanted.map(paths.grader) });
  const names = new Map<string, string[]>();
  for (const e of wanted) {
    const m = run.modules.find((m) => m.file === paths.grader(e));
    if (m) names.set(e.name, m.tests.map((t) => t.name));
  }
  const missing = wanted.filter((e) => !names.has(e.name)).map((e) => e.name);
  report.add('the CLI graded every browser-gradable reference (for its test names)', missing.length === 0, missing.join(', ') || undefined);
  return missing.length ? undefined : names;
}

/** Refuses every request that leaves the preview server, and records it. */
async function offline(page: Page, base: string): Promise<string[]> {
  const outside: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return outside;
}

async function checkExercise(browser: Browser, base: string, exercise: Exercise, cliNames: string[]): Promise<{ name: string; ok: boolean; detail?: string }[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const results: { name: string; ok: boolean; detail?: string }[] = [];
  try {
    const page = await context.newPage();
    const outside = await offline(page, base);
    const runnerRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/runner/') && runnerRequests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/exercises/${exercise.name}/`, { waitUntil: 'networkidle' });
    results.push({ name: `${exercise.name}: nothing of the runner loads before the click`, ok: runnerRequests.length === 0, detail: runnerRequests.join('\n') || undefined });
    await openEditor(page);

    const grade = (label: string, file: string) => gradeInPage(page, readFileSync(file, 'utf8')).then((r) => ({ label, ...r }));
    const reference = await grade('reference', paths.solution(exercise));
    const names = reference.outcomes.map((o) => o.name);
    const sameNames = JSON.stringify(names) === JSON.stringify(cliNames);
    results.push({
      name: `${exercise.name}: reference solved in the browser, with the CLI's ${cliNames.length} test names in order`,
      ok: reference.solved && sameNames,
      detail: !reference.solved ? reference.summary : sameNames ? `graded in ${reference.ms} ms` : nameDiff(cliNames, names),
    });
    const starter = await grade('starter', paths.starter(exercise));
    results.push({ name: `${exercise.name}: untouched starter not solved in the browser`, ok: !starter.solved, detail: starter.solved ? 'every test passed' : counts(starter) });
    const missed: string[] = [];
    const variants = wrongVariants(exercise);
    for (const v of variants) {
      const r = await grade(v.name, v.file);
      if (r.solved) missed.push(`${v.name}${r.localOnly ? ` (${r.localOnly} test(s) run only with npm test)` : ''}`);
    }
    results.push({ name: `${exercise.name}: every known-wrong variant (${variants.length}) not solved in the browser`, ok: missed.length === 0, detail: missed.length ? `solved: ${missed.join(', ')}` : undefined });
    results.push({ name: `${exercise.name}: offline (no request left 127.0.0.1), no page errors`, ok: outside.length === 0 && errors.length === 0, detail: [...outside, ...errors].join('\n') || undefined });
  } catch (error) {
    results.push({ name: `${exercise.name}: graded in the browser`, ok: false, detail: error instanceof Error ? error.message : String(error) });
  } finally {
    await context.close();
  }
  return results;
}

/** "3 passed, 8 failed" from a page grade's outcomes: one line for the report. */
const counts = (g: { outcomes: { state: string }[] }) => {
  const n = (state: string) => g.outcomes.filter((o) => o.state === state).length;
  return `${n('pass')} passed, ${n('fail')} failed${n('local-only') ? `, ${n('local-only')} run only with npm test` : ''}`;
};

function nameDiff(cli: string[], browser: string[]): string {
  const onlyCli = cli.filter((n) => !browser.includes(n));
  const onlyBrowser = browser.filter((n) => !cli.includes(n));
  if (!onlyCli.length && !onlyBrowser.length) return 'same names, another order';
  return [...onlyCli.slice(0, 3).map((n) => `CLI only: ${n}`), ...onlyBrowser.slice(0, 3).map((n) => `browser only: ${n}`)].join('\n');
}

async function checkLocalOnly(browser: Browser, base: string, exercise: Exercise & { browser: { localOnly: string } }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/exercises/${exercise.name}/`, { waitUntil: 'load' });
    const note = await readLocalOnlyNote(page);
    // The page sets `code` spans as code: compare the words.
    const ok = note.reason.includes(exercise.browser.localOnly.replaceAll('`', '')) && !note.editorOffered;
    return { name: `${exercise.name}: page says it runs locally only, and why`, ok, detail: ok ? undefined : JSON.stringify(note) };
  } finally {
    await context.close();
  }
}

async function checkDemos(browser: Browser, base: string) {
  const results: { name: string; ok: boolean; detail?: string }[] = [];
  for (const chapter of readyChapters) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const outside = await offline(page, base);
      await page.goto(`${base}/${chapter.slug}/`, { waitUntil: 'networkidle' });
      const demos = await page.locator('[data-run-demo]').count();
      if (demos === 0) continue;
      const problems = [...(await checkDemosOnPage(page)), ...outside.map((u) => `request left 127.0.0.1: ${u}`)];
      results.push({ name: `/${chapter.slug}/: ${demos} Run demo(s) answer their presets with the declared statuses, offline`, ok: problems.length === 0, detail: problems.join('\n') || undefined });
    } finally {
      await context.close();
    }
  }
  return results;
}

export async function checkRunner(report: Report) {
  if (!existsSync(CHROMIUM)) {
    report.add('browser runner', false, 'missing system tool: run `sudo bash scripts/setup-system.sh`');
    return;
  }
  const names = await referenceNames(report);
  if (!names) return;
  const server = await preview({ root: process.cwd(), logLevel: 'error', server: { port: 4398, host: '127.0.0.1' } });
  const base = `http://127.0.0.1:${server.port}`;
  // --expose-gc: chapter 6's graders check a signal is collected; a reader's browser reports those tests as "npm test only".
  const browser = await launchChromiumWith(['--js-flags=--expose-gc']);
  const started = Date.now();
  try {
    const graded = await inLanes(browserGraded(), (e) => checkExercise(browser, base, e, names.get(e.name)!));
    for (const r of graded.flat()) report.add(r.name, r.ok, r.detail);
    for (const e of exercises) {
      if (e.browser !== 'grades') {
        const r = await checkLocalOnly(browser, base, e as Exercise & { browser: { localOnly: string } });
        report.add(r.name, r.ok, r.detail);
      }
    }
    for (const r of await checkDemos(browser, base)) report.add(r.name, r.ok, r.detail);
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`  (browser runner checks: ${seconds(Date.now() - started)})`);
}
