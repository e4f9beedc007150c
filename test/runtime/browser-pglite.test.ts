/**
 * The browser database (src/browser-runner/): the snapshot and worker bundle
 * are built into a temp dir, served from 127.0.0.1, and opened in headless
 * Chromium with every other request blocked, as a reader offline would. The
 * worker must answer with the rows the graders seed (test/fixtures/billing.ts),
 * so they came from the snapshot (a fresh PGlite has no tables at all).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir, loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker, PGLITE_ASSETS, WORKER_FILE } from '../../src/browser-runner/pglite-bundle.ts';
import { writeSnapshot, type Snapshot } from '../../src/browser-runner/pglite-snapshot.ts';
import { SNAPSHOT_PARAM, type QueryResponse } from '../../src/browser-runner/protocol.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';
import { BOB, BOBS_INVOICE, billing, INV_001, INV_002, INV_003 } from '../fixtures/billing.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

// The page: one module worker per snapshot name, and ask() to send it a query.
const PAGE = `<!doctype html><meta charset="utf-8"><title>pglite</title>
<script type="module">
  const workers = new Map();
  let next = 0;
  window.ask = (snapshot, sql, params) => {
    if (!workers.has(snapshot)) {
      const url = snapshot === null ? '${WORKER_FILE}' : '${WORKER_FILE}?${SNAPSHOT_PARAM}=' + encodeURIComponent(snapshot);
      workers.set(snapshot, new Worker(url, { type: 'module' }));
    }
    const worker = workers.get(snapshot);
    const id = next++;
    return new Promise((resolve) => {
      const listen = (event) => { if (event.data.id === id) { worker.removeEventListener('message', listen); resolve(event.data); } };
      worker.addEventListener('message', listen);
      worker.postMessage({ id, sql, params });
    });
  };
  // What a watchdog does to a worker stuck in a learner's loop.
  window.stop = (snapshot) => { workers.get(snapshot)?.terminate(); workers.delete(snapshot); };
</script>`;

let out = '';
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;
let page: Page;
let snapshot: Snapshot;
/** `status path` for every request the server answered, in order. */
const served: string[] = [];
/** Requests the page tried to send anywhere but our server. */
const blocked: string[] = [];
/** console.error lines and uncaught errors from the page and its worker. */
const errors: string[] = [];

function serve(root: string): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    served.push(`${existsSync(file) ? 200 : 404} ${path}`);
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

const ask = (sql: string, params: unknown[] = [], name: string | null = snapshot.name) =>
  page.evaluate(([n, s, p]) => (window as unknown as { ask(...a: unknown[]): Promise<QueryResponse> }).ask(n, s, p), [name, sql, params] as const);

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'browser-pglite-'));
  const [bundle, snap] = await Promise.all([bundleWorker(out), writeSnapshot(billing, out)]);
  snapshot = snap;
  writeFileSync(join(out, 'index.html'), PAGE);
  const mb = (n: number) => (n / 1e6).toFixed(2);
  const sizes = Object.entries({ ...bundle.sizes, [snap.name]: snap.bytes });
  const gzipped = (name: string) => gzipSync(readFileSync(join(out, name))).length;
  console.log(`browser-pglite: ${sizes.map(([name, bytes]) => `${name} ${mb(bytes)} MB (gzip ${mb(gzipped(name))})`).join(', ')}`);
  base = await serve(out);
  browser = await launchChromium();
  const context = await browser.newContext();
  // Offline: only our server answers; anything else is refused and remembered.
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(base + '/')) return route.continue();
    blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(m.text())));
  await page.goto(`${base}/`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('PGlite in a browser worker, from the build-time snapshot', () => {
  it('answers the first query with the seeded invoices (cold start timed)', async () => {
    const started = performance.now();
    const answer = await ask('SELECT id, owner_id, number, status FROM billing_invoice ORDER BY id');
    const ms = Math.round(performance.now() - started);
    console.log(`browser-pglite: cold worker start → first query answered in ${ms} ms (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    expect(answer.ok, answer.ok ? '' : answer.error).toBe(true);
    if (!answer.ok) return;
    // bigint ids arrive as numbers: PGlite's own parser gives a number while
    // it is safe, a BigInt past 2^53 (the workbook's pool throws there instead: README).
    expect(answer.rows.map((r) => [r.id, r.number, r.status])).toEqual([
      [INV_001, 'INV-001', 'paid'],
      [INV_002, 'INV-002', 'sent'],
      [INV_003, 'INV-003', 'draft'],
      [BOBS_INVOICE, 'GLX-001', 'sent'],
    ]);
  }, 60_000);

  it('binds parameters and reports SQL errors as messages, not crashes', async () => {
    const started = performance.now();
    const bobs = await ask('SELECT number FROM billing_invoice WHERE owner_id = $1 ORDER BY id', [BOB]);
    console.log(`browser-pglite: warm query in ${Math.round(performance.now() - started)} ms`);
    expect(bobs).toMatchObject({ ok: true, rows: [{ number: 'GLX-001' }] });
    expect(await ask('SELECT * FROM no_such_table')).toMatchObject({ ok: false, error: expect.stringContaining('no_such_table') });
    // The worker is still usable after an error.
    expect(await ask('SELECT count(*)::int AS n FROM billing_customer')).toMatchObject({ ok: true, rows: [{ n: 2 }] });
  }, 30_000);

  it('continues the seeded sequences, as on the CLI (the snapshot was checkpointed)', async () => {
    const inserted = await ask(
      `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on) VALUES ($1, 202, 'GLX-002', 'draft', 100, '2026-03-01') RETURNING id`,
      [BOB],
    );
    expect(inserted).toMatchObject({ ok: true, rows: [{ id: BOBS_INVOICE + 1 }] });
  }, 30_000);

  it('after terminate(), a new worker starts again from the snapshot, without the rows the old one added', async () => {
    await page.evaluate((n) => (window as unknown as { stop(n: string): void }).stop(n), snapshot.name);
    const started = performance.now();
    const answer = await ask('SELECT max(id) AS last FROM billing_invoice');
    // Playwright's routing turns the HTTP cache off, so this re-fetches every file (from 127.0.0.1).
    console.log(`browser-pglite: restart after terminate() → first query in ${Math.round(performance.now() - started)} ms (no HTTP cache; load ${loadavg()[0]!.toFixed(2)})`);
    expect(answer).toMatchObject({ ok: true, rows: [{ last: BOBS_INVOICE }] });
  }, 60_000);

  it('says which snapshot is missing when started without one', async () => {
    expect(await ask('SELECT 1', [], null)).toMatchObject({ ok: false, error: expect.stringContaining(`?${SNAPSHOT_PARAM}=`) });
  }, 30_000);

  it('fetched only from this site, found every file it asked for, and logged no error', () => {
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(served.filter((line) => !line.startsWith('200 '))).toEqual([]);
    expect(served).toEqual(expect.arrayContaining([WORKER_FILE, snapshot.name, ...PGLITE_ASSETS].map((name) => `200 /${name}`)));
  });
});
