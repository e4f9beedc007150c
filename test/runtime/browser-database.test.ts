/**
 * The browser twin of the graders' database (src/browser-runner/twins/
 * database.ts) in headless Chromium, in a module Web Worker as the grading
 * worker runs it: the PGlite assets as the site build writes them
 * (buildPgliteAssets), and a module importing database.ts and the billing
 * fixture as a grader does, bundled with databaseGradersForBrowser
 * (database.ts → the twin, the fixtures' SQL inlined, node-postgres over
 * PGlite as on the CLI), served from 127.0.0.1 with every other request
 * refused.
 *
 * `vitest` is mapped to a stand-in that only collects the twin's
 * beforeAll / beforeEach / afterAll hooks; the worker below plays the test
 * runner: beforeAll, then per "test" beforeEach + body, then afterAll.
 *
 * Checked: the snapshot names computed in the browser from the bundled
 * fixtures equal the build's; the seeded rows; ids, count(*) and every other column type
 * exactly as the CLI's pool gives them (compared with startEngine('pglite')
 * run here in Node); int8 past 2^53 − 1 refused as workbookTypes refuses it;
 * a reset restoring the seed and the sequences; a connect() client's
 * transaction; the statement recorder; a second grade reusing the worker's
 * PGlite, and a third one reopening it after a grade dropped a table; no
 * initdb.wasm, nothing fetched but from 127.0.0.1. Cold open and reset times
 * are printed with the machine's load.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPgliteAssets } from '../../src/browser-runner/pglite-assets.ts';
import { nodePostgresForBrowser } from '../../src/browser-runner/pglite-browser-build.ts';
import { fixtureHash, PGLITE_DIR } from '../../src/browser-runner/pglite-fixture-hash.ts';
import { databaseGradersForBrowser } from '../../src/browser-runner/pglite-fixtures-build.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';
import { startEngine } from '../../src/workbook/testing/engines.ts';
import { validation } from '../fixtures/05-validation.ts';
import { BOBS_INVOICE, billing, INV_001, INV_002, INV_003, NEXT_INVOICE } from '../fixtures/billing.ts';

const root = resolve(import.meta.dirname, '../..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Every column type a grader meets, with a value of each; compared value by value with the CLI's pool. */
const TYPED = `SELECT i.id, i.owner_id, i.number, i.total_cents, i.issued_on, i.paid_at, i.memo,
    c.name, u.date_joined, u.last_login, u.is_active,
    count(*) OVER () AS n, 12.50::numeric AS price, 1.5::float8 AS ratio, ARRAY[i.id, i.customer_id] AS ids,
    jsonb_build_object('id', i.id) AS doc, '2026-03-01 10:00:00'::timestamp AS local_time, interval '1 day' AS span
  FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id JOIN auth_user u ON u.id = i.owner_id
  ORDER BY i.id`;

/** A value as a JSON-safe description that keeps its JavaScript type. */
function describeValue(value: unknown): unknown {
  if (value === null) return null;
  if (value instanceof Date) return { Date: value.toISOString() };
  if (Array.isArray(value)) return value.map(describeValue);
  if (typeof value === 'object') return { [value.constructor?.name ?? 'Object']: JSON.stringify(value) };
  return { [typeof value]: value };
}
const describeRows = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, describeValue(v)])));

// Runs in the worker: the twin's hooks as a test runner would call them.
const PROBE = `
import { useDatabase } from './src/workbook/testing/database.ts';
import { fixtureHash } from './src/browser-runner/pglite-fixture-hash.ts';
import { billing } from './test/fixtures/billing.ts';
import { validation } from './test/fixtures/05-validation.ts';
import { hooks } from 'vitest';

const describeValue = ${describeValue.toString()};
const describeRows = (rows) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, describeValue(v)])));
const ms = (since) => Math.round(performance.now() - since);

globalThis.__DJTS_RUNNER_BASE__ = new URL('./', self.location.href).href;

async function grade({ typed, dropTable }) {
  hooks.beforeAll.length = hooks.beforeEach.length = hooks.afterAll.length = 0;
  const db = useDatabase('invoice-detail', billing);
  const out = { engine: db.engine };
  const test = async (name, body) => {
    const started = performance.now();
    for (const hook of hooks.beforeEach) await hook();
    out.resetMs = (out.resetMs ?? []).concat(ms(started));
    try { out[name] = await body(); } catch (error) { out[name] = { error: String(error) }; }
  };
  let started = performance.now();
  for (const hook of hooks.beforeAll) await hook();
  out.openMs = ms(started);
  started = performance.now();
  await test('seeded', async () => (await db.direct.query('SELECT id, number FROM billing_invoice ORDER BY id')).rows);
  out.firstQueryMs = ms(started);
  await test('typed', async () => describeRows((await db.direct.query(typed)).rows));
  await test('beyondSafe', () => db.direct.query('SELECT 9007199254740993::int8 AS x'));
  await test('inserted', async () => {
    const { rows, rowCount } = await db.pool.query("INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents) VALUES ($1, $2, 'NEW', 'draft', 1) RETURNING id", [101, 201]);
    return { id: rows[0].id, rowCount, recorded: db.queries.map((q) => [q.text.slice(0, 27), q.values]) };
  });
  await test('afterReset', async () => ({
    recorded: db.queries.length,
    count: (await db.direct.query('SELECT count(*) AS n FROM billing_invoice')).rows[0].n,
    next: (await db.direct.query("INSERT INTO billing_invoice (owner_id, customer_id, status, total_cents) VALUES (101, 201, 'draft', 1) RETURNING id")).rows[0].id,
  }));
  await test('transaction', async () => {
    const client = await db.pool.connect();
    await client.query('BEGIN');
    await client.query('DELETE FROM billing_invoice');
    const inside = (await client.query('SELECT count(*) AS n FROM billing_invoice')).rows[0].n;
    await client.query('ROLLBACK');
    client.release();
    return { inside, after: (await db.direct.query('SELECT count(*) AS n FROM billing_invoice')).rows[0].n, recorded: db.queries.length };
  });
  if (dropTable) await db.direct.query('DROP TABLE billing_lineitem');
  for (const hook of hooks.afterAll) await hook();
  return out;
}

self.addEventListener('message', async (event) => {
  try {
    if (event.data === 'hashes') return self.postMessage({ ok: true, result: { billing: await fixtureHash(billing), validation: await fixtureHash(validation) } });
    self.postMessage({ ok: true, result: await grade(event.data) });
  }
  catch (error) { self.postMessage({ ok: false, error: String(error && error.stack || error) }); }
});
`;

const VITEST_STANDIN = `
export const hooks = { beforeAll: [], beforeEach: [], afterAll: [] };
export const beforeAll = (fn) => hooks.beforeAll.push(fn);
export const beforeEach = (fn) => hooks.beforeEach.push(fn);
export const afterAll = (fn) => hooks.afterAll.push(fn);
`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>twin</title>
<script type="module">
  const worker = new Worker('probe.js', { type: 'module' });
  window.grade = (input) => new Promise((resolve) => {
    worker.addEventListener('message', (event) => resolve(event.data), { once: true });
    worker.postMessage(input);
  });
</script>`;

let out = '';
let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;
let snapshotName = '';
let snapshots: Record<string, string> = {};
const served: string[] = [];
const blocked: string[] = [];
const errors: string[] = [];

function serve(dir: string): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    let found = false;
    try { found = statSync(file).isFile(); } catch {}
    served.push(`${found ? 200 : 404} ${path}`);
    if (!found) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server!.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

type Graded = { ok: true; result: Record<string, any> } | { ok: false; error: string };
const grade = (input: { dropTable?: boolean } | 'hashes' = {}) =>
  page.evaluate((i) => (window as unknown as { grade(i: unknown): Promise<Graded> }).grade(i), input === 'hashes' ? input : { typed: TYPED, ...input });
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'browser-database-'));
  // Every fixture the browser-graded exercises use, found as the site build finds them.
  ({ snapshots } = await buildPgliteAssets(out));
  snapshotName = snapshots[await fixtureHash(billing)]!;
  const bundle = await build({
    stdin: { contents: PROBE, resolveDir: root, loader: 'js', sourcefile: 'probe.js' },
    outfile: join(out, 'probe.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // Class names survive minifying: the type comparison names them (PostgresInterval, …).
    keepNames: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      { name: 'vitest-standin', setup: (b) => {
        b.onResolve({ filter: /^vitest$/ }, () => ({ path: 'vitest', namespace: 'standin' }));
        b.onLoad({ filter: /.*/, namespace: 'standin' }, () => ({ contents: VITEST_STANDIN, loader: 'js' }));
      } },
      ...databaseGradersForBrowser.plugins,
    ],
    inject: databaseGradersForBrowser.inject,
    define: databaseGradersForBrowser.define,
  });
  writeFileSync(join(out, 'index.html'), PAGE);
  const sizes = ['probe.js', `${PGLITE_DIR}/pglite.wasm`, `${PGLITE_DIR}/pglite.data`, `${PGLITE_DIR}/${snapshotName}`].map((f) => {
    const bytes = readFileSync(join(out, f));
    return `${f} ${(bytes.length / 1e6).toFixed(2)} MB (gzip ${(gzipSync(bytes).length / 1e6).toFixed(2)})`;
  });
  console.log(`browser-database: ${sizes.join(', ')}; bundle inputs ${Object.keys(bundle.metafile.inputs).length}`);
  const base = await serve(out);
  browser = await launchChromium();
  const context = await browser.newContext();
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
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the database twin in a browser worker', () => {
  let first: Record<string, any>;

  it('names each fixture’s snapshot from the fixture as bundled (schema SQL inlined), as the build named it', async () => {
    const hashes = await grade('hashes');
    expect(hashes.ok, hashes.ok ? '' : hashes.error).toBe(true);
    const inBrowser = (hashes as { result: Record<string, string> }).result;
    expect(inBrowser).toEqual({ billing: await fixtureHash(billing), validation: await fixtureHash(validation) });
    expect(Object.keys(snapshots).sort()).toEqual(Object.values(inBrowser).sort());
  }, 60_000);

  it('opens the fixture’s snapshot and answers with the seeded rows, ids as numbers (cold open timed)', async () => {
    const graded = await grade();
    expect(graded.ok, graded.ok ? '' : graded.error).toBe(true);
    first = (graded as { result: Record<string, any> }).result;
    console.log(`browser-database: cold beforeAll (fetch + open) ${first.openMs} ms, first reset + query ${first.firstQueryMs} ms, resets ${first.resetMs.join('/')} ms (load ${load()})`);
    expect(first.engine).toBe('pglite');
    expect(first.seeded).toEqual([
      { id: INV_001, number: 'INV-001' },
      { id: INV_002, number: 'INV-002' },
      { id: INV_003, number: 'INV-003' },
      { id: BOBS_INVOICE, number: 'GLX-001' },
    ]);
  }, 90_000);

  it('gives every column type exactly as the CLI’s pool over PGlite does', async () => {
    const cli = await startEngine('pglite', billing);
    try {
      await cli.reset();
      const want = describeRows((await cli.pool.query(TYPED)).rows);
      expect(first.typed).toEqual(want);
      // The conventions themselves, spelled out: int8 → number, numeric → string, date → Date.
      expect(want[0]).toMatchObject({ id: { number: INV_001 }, n: { number: 4 }, price: { string: '12.50' }, issued_on: { Date: expect.any(String) } });
    } finally {
      await cli.close();
    }
  }, 60_000);

  it('refuses int8 past Number.MAX_SAFE_INTEGER as workbookTypes does', () => {
    expect(first.beyondSafe).toEqual({ error: expect.stringContaining('RangeError: int8 value 9007199254740993 is beyond Number.MAX_SAFE_INTEGER') });
  });

  it('records the code under test’s statements, continues the seeded sequence, and resets to the seed before each test', () => {
    expect(first.inserted).toEqual({ id: NEXT_INVOICE, rowCount: 1, recorded: [['INSERT INTO billing_invoice', [101, 201]]] });
    expect(first.afterReset).toEqual({ recorded: 0, count: 4, next: NEXT_INVOICE });
  });

  it('gives connect() clients whose transactions roll back', () => {
    // BEGIN, DELETE, SELECT, ROLLBACK through the recorded pool's client; the count after it went through `direct`.
    expect(first.transaction).toEqual({ inside: 0, after: 4, recorded: 4 });
  });

  it('keeps the worker’s PGlite for the next grade, and opens it again after a grade changed the schema', async () => {
    const again = await grade({ dropTable: true });
    expect(again.ok, again.ok ? '' : again.error).toBe(true);
    const reused = (again as { result: Record<string, any> }).result;
    const afterDrop = await grade();
    expect(afterDrop.ok, afterDrop.ok ? '' : afterDrop.error).toBe(true);
    const reopened = (afterDrop as { result: Record<string, any> }).result;
    console.log(`browser-database: re-grade beforeAll (kept PGlite, checked) ${reused.openMs} ms; after a DROP TABLE (reopened) ${reopened.openMs} ms (load ${load()})`);
    expect(reused.seeded).toEqual(first.seeded);
    expect(reopened.seeded).toEqual(first.seeded);
    // billing_lineitem is back: the reset TRUNCATEs it, and would fail without it.
    expect(reopened.afterReset).toEqual({ recorded: 0, count: 4, next: NEXT_INVOICE });
    // Reopening fetched the snapshot again; keeping it did not.
    expect(served.filter((line) => line === `200 /${PGLITE_DIR}/${snapshotName}`)).toHaveLength(2);
  }, 90_000);

  it('maps Node built-ins only for packages: our own code importing one still fails the build', async () => {
    const bundle = (contents: string) =>
      build({ stdin: { contents, resolveDir: join(root, 'src/browser-runner'), loader: 'ts' }, bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent', ...nodePostgresForBrowser });
    await expect(bundle(`import { readFileSync } from 'node:fs'; console.log(readFileSync);`)).rejects.toThrow(/Could not resolve "node:fs"/);
    await expect(bundle(`import pg from 'pg'; console.log(pg.Pool);`)).resolves.toBeDefined();
  }, 30_000);

  it('fetched only from this site, never initdb.wasm, found every file, logged no error', () => {
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(served.filter((line) => !line.startsWith('200 '))).toEqual([]);
    expect(served.some((line) => line.includes('initdb'))).toBe(false);
    expect(served).toEqual(expect.arrayContaining(['200 /probe.js', `200 /${PGLITE_DIR}/pglite.wasm`, `200 /${PGLITE_DIR}/pglite.data`]));
  });
});
