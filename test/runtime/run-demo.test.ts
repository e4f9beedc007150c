/**
 * The Run demos in Chromium. Every demo is bundled as the site build does
 * (buildDemos, plus the PGlite files and seeded snapshot from
 * buildPgliteAssets) into a temp dir, with a bare page holding each demo's
 * Run control in the site's own markup (markup.ts) and style. The page is
 * served from 127.0.0.1 with every other request aborted, as a reader
 * offline would see it. checkDemosOnPage (what verify calls per page) then
 * clicks every Run control and sends every preset: each must answer with
 * its declared status and body, from the bundled snippet running in a
 * module Web Worker (database demos on PGlite in the worker).
 *
 * Also checked: no runner file is requested before the first click, no
 * request leaves 127.0.0.1, nothing is missing, and no console error.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPgliteAssets } from '../../src/browser-runner/pglite-assets.ts';
import { RUNNER_DIR } from '../../src/browser-runner/contract.ts';
import { buildDemos, demoFixtures } from '../../src/browser-runner/demos/build-demos.ts';
import { loadDemos, type DemoEntry } from '../../src/browser-runner/demos/catalog.ts';
import { checkDemosOnPage } from '../../src/browser-runner/demos/check-demos.ts';
import { RUN_SCRIPT, runControlHtml } from '../../src/browser-runner/demos/markup.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

let out = '';
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;
let entries: DemoEntry[] = [];
let bundles: Record<string, string> = {};
const served: string[] = [];
const blocked: string[] = [];
const errors: string[] = [];

function page(controls: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>run demos</title><link rel="stylesheet" href="/run-demo.css">
<style>body { font-family: system-ui; max-width: 40rem; margin: 1rem auto; padding: 0 0.75rem; --sl-text-xs: 0.8rem; --sl-text-sm: 0.9rem; }</style>
<main>${controls}</main>${RUN_SCRIPT}</html>`;
}

function serve(root: string): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    served.push(`${existsSync(file) ? 200 : 404} ${path}`);
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server!.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

async function open(width = 1280): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width, height: 900 } });
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(base)) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const p = await context.newPage();
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker: ${m.text()}`); }));
  await p.goto(`${base}/`);
  return p;
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'run-demo-'));
  entries = await loadDemos();
  const t = performance.now();
  // Where the site serves them: runner/demos/ and runner/pglite/ (runner-folder.ts).
  const runner = join(out, RUNNER_DIR);
  mkdirSync(runner);
  bundles = await buildDemos(runner, entries);
  await buildPgliteAssets(runner, await demoFixtures(entries));
  console.log(`built ${Object.keys(bundles).length} demo bundles + PGlite assets in ${Math.round(performance.now() - t)} ms (load ${loadavg()[0]!.toFixed(1)})`);
  writeFileSync(join(out, 'run-demo.css'), readFileSync(resolve(import.meta.dirname, '../../src/styles/run-demo.css')));
  const controls = entries
    .map((e, i) => `<section><h2>${e.id}</h2>${runControlHtml({ runId: e.id, demo: e.demo, id: `demo-${i}`, base: '/' })}</section>`)
    .join('\n');
  writeFileSync(join(out, 'index.html'), page(controls));
  base = await serve(out);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

it('bundles every demo that runs in the browser, and none marked localOnly', () => {
  const runnable = entries.filter((e) => !e.demo.localOnly).map((e) => e.id);
  expect(Object.keys(bundles).sort()).toEqual(runnable.sort());
  expect(entries.some((e) => e.demo.localOnly)).toBe(true);
});

it('loads nothing of the runner before the first click', async () => {
  served.length = 0;
  const p = await open();
  await p.waitForLoadState('networkidle');
  expect(served.filter((s) => !/ \/(index\.html|run-demo\.css)?$/.test(s))).toEqual([]);
  // A localOnly demo shows its reason, and no Run control.
  expect(await p.locator('.run-demo-local').first().textContent()).toMatch(/^Runs locally only: .+\.$/);
  await p.context().close();
}, 30_000);

it('shows no Run control without JavaScript (it could do nothing), and still says why a demo runs locally only', async () => {
  const context = await browser!.newContext({ javaScriptEnabled: false });
  const p = await context.newPage();
  await p.goto(`${base}/`);
  expect(await p.locator('[data-run-demo]').count()).toBe(Object.keys(bundles).length);
  expect(await p.locator('[data-run-demo]:visible').count()).toBe(0);
  expect(await p.locator('.run-demo-local:visible').count()).toBe(entries.filter((e) => e.demo.localOnly).length);
  await context.close();
}, 30_000);

it('answers a database demo within seconds of the first click, PGlite included (cold cache)', async () => {
  const p = await open();
  const button = p.locator('[data-run-demo="01-shape-of-a-service/detail/customer"]');
  const panel = p.locator(`[id="${await button.getAttribute('aria-controls')}"]`);
  const t = performance.now();
  await button.click();
  await panel.locator('.run-demo-send').click();
  await panel.locator('.run-demo-status[data-demo-status="200"]').waitFor({ timeout: 30_000 });
  const ms = performance.now() - t;
  console.log(`click → first database answer: ${Math.round(ms)} ms (load ${loadavg()[0]!.toFixed(1)})`);
  // The issue's budget is 3 s on an idle machine; this machine is shared, so the test only catches a runner gone badly wrong.
  expect(ms).toBeLessThan(15_000);
  await p.context().close();
}, 60_000);

it('answers every preset of every demo as declared, offline, in a Web Worker', async () => {
  served.length = 0;
  errors.length = 0;
  const p = await open();
  const workers: string[] = [];
  p.on('worker', (w) => workers.push(w.url()));
  const t = performance.now();
  const problems = await checkDemosOnPage(p);
  console.log(`checked ${Object.keys(bundles).length} demos in ${Math.round(performance.now() - t)} ms (load ${loadavg()[0]!.toFixed(1)})`);
  expect(problems).toEqual([]);
  expect(workers.length).toBe(Object.keys(bundles).length);
  expect(served.filter((s) => !s.startsWith('200 '))).toEqual([]);
  expect(served.some((s) => s.includes('/pglite/'))).toBe(true);
  expect(blocked).toEqual([]);
  expect(errors).toEqual([]);
  await p.context().close();
}, 300_000);

it('shows status, headers and pretty JSON, and lets the reader edit the request', async () => {
  const p = await open();
  const button = p.locator('[data-run-demo="05-validation/handler/create"]');
  await button.click();
  const panel = p.locator(`[id="${await button.getAttribute('aria-controls')}"]`);
  await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
  // A GET has no body box; POST does.
  await panel.locator('.run-demo-method').selectOption('GET');
  expect(await panel.locator('textarea[id$="-body"]').isVisible()).toBe(false);
  await panel.locator('.run-demo-method').selectOption('POST');
  await panel.locator('textarea[id$="-body"]').fill('{"customer_id": 201, "amount_cents": 0, "currency": "EUR"}');
  await panel.locator('.run-demo-send').click();
  const status = panel.locator('.run-demo-status[data-demo-status]');
  await status.waitFor();
  expect(await status.textContent()).toMatch(/^HTTP 422 Unprocessable Content · \S+ ms$/);
  const body = (await panel.locator('.run-demo-body').textContent()) ?? '';
  expect(body).toContain('\n  "error": "validation_failed"');
  expect(JSON.parse(body)).toMatchObject({ fields: [{ path: 'amount_cents' }] });
  expect(await panel.locator('.run-demo-headers').textContent()).toMatch(/^content-type: application\/json/m);
  // A header line without a colon is the reader's mistake, said plainly.
  await panel.locator('textarea[id$="-headers"]').fill('Content-Type application/json');
  await panel.locator('.run-demo-send').click();
  expect(await panel.locator('.run-demo-status').textContent()).toBe('Header line 1 needs "Name: value"');
  await p.context().close();
}, 60_000);
