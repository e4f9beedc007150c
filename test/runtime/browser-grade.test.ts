/**
 * The browser runner's grading half (issue 15), end to end for greet: the
 * real grader bundled by src/browser-runner/bundle-grader.ts, served from
 * 127.0.0.1 with every other request blocked, run in a module Web Worker in
 * headless Chromium against the reference (every test passes) and the
 * untouched starter (they fail) — with the same test names, and for the
 * starter the same failure messages, as the CLI's vitest run of that grader.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleGrader, bundleWorker } from '../../src/browser-runner/bundle-grader.ts';
import type { Outcome } from '../../src/browser-runner/runner/harness.ts';
import { runVitest, type ModuleResult } from '../../src/workbook/grading/run-vitest.ts';
import { launchChromium } from '../../src/verify/checks/browser.ts';

const EXERCISE = '01-shape-of-a-service/greet';
const GRADER = `test/${EXERCISE}.test.ts`;

/**
 * Type stripping happens in Node here, with esbuild, as a stand-in: the
 * page will strip in the browser with sucrase (research/browser-runner.md),
 * which is not installed yet (see src/browser-runner/runner/README.md).
 */
const strip = async (file: string) => (await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' })).code;

let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';
const blocked: string[] = [];
let grader = '';
let cli: { solution: ModuleResult; starter: ModuleResult };

/** The three files the runner needs, from memory, on a free port. */
function serve(files: Record<string, { type: string; body: string }>): Promise<string> {
  server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.type }).end(file.body);
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

beforeAll(async () => {
  const started = performance.now();
  // The CLI's verdicts on the same grader, in a vitest child, while the bundle is built.
  const vitestRun = (target: 'solutions' | 'exercises') =>
    runVitest({ target, files: [GRADER] }).then((r) => {
      if (!r.modules[0]) throw new Error(`vitest (${target}) gave no result: ${r.crash ?? JSON.stringify(r.timedOut)}`);
      return r.modules[0];
    });
  const [solution, starter, bundle, worker] = await Promise.all([vitestRun('solutions'), vitestRun('exercises'), bundleGrader(EXERCISE, GRADER), bundleWorker()]);
  cli = { solution, starter };
  grader = bundle.code;
  console.log(`grader bundle ${(grader.length / 1024).toFixed(1)} KB (${(gzipSync(grader).length / 1024).toFixed(1)} KB gzip), worker ${worker.length} B; learner exports ${bundle.exports.join(', ')}; setup ${Math.round(performance.now() - started)} ms, load ${load()}`);
  base = await serve({
    '/': { type: 'text/html', body: '<!doctype html><html lang="en"><title>grade</title></html>' },
    '/worker.js': { type: 'text/javascript', body: worker },
    '/grader.js': { type: 'text/javascript', body: grader },
  });
  browser = await launchChromium();
  const context = await browser.newContext();
  // Nothing leaves the machine: any request but to our server is refused and recorded.
  await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (blocked.push(route.request().url()), route.abort())));
  page = await context.newPage();
  await page.goto(base + '/');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

interface Graded { outcomes?: Outcome[]; error?: string; loadedMs?: number; totalMs?: number; pageMs: number }

/** Grades `learner` (JavaScript) in a new module worker, as the page will: grader fetched once, both imported from Blob URLs. */
async function grade(learners: string[]): Promise<Graded[]> {
  return page.evaluate(async (sources) => {
    const grader = await (await fetch('/grader.js')).text();
    const worker = new Worker('/worker.js', { type: 'module' });
    const results = [];
    // Several sources in one worker: the first run is cold (worker start), the next ones are re-grades.
    for (const learner of sources) {
      const start = performance.now();
      const data = await new Promise<any>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ error: `worker error: ${e.message}` });
        worker.postMessage({ grader, learner });
      });
      results.push({ ...data, pageMs: performance.now() - start });
    }
    worker.terminate();
    return results;
  }, learners);
}

const names = (outcomes: { name: string }[]) => outcomes.map((o) => o.name);

describe('greet graded in a browser worker', () => {
  it('passes every test for the reference, with the CLI’s test names, and re-grades fast', async () => {
    const reference = await strip(`solutions/${EXERCISE}.ts`);
    const [cold, again] = await grade([reference, reference]);
    console.log(`reference: cold ${Math.round(cold!.pageMs)} ms (bundle imported in ${Math.round(cold!.loadedMs ?? -1)} ms), re-grade ${Math.round(again!.pageMs)} ms (import ${Math.round(again!.loadedMs ?? -1)} ms); load ${load()}`);
    expect(cold!.error).toBeUndefined();
    expect(cli.solution.tests.every((t) => t.state === 'passed'), 'the CLI passes the reference').toBe(true);
    expect(names(cold!.outcomes!)).toEqual(names(cli.solution.tests));
    expect(cold!.outcomes!.filter((o) => o.state !== 'passed').map((o) => `${o.name}: ${o.failure?.message}`)).toEqual([]);
    expect(names(again!.outcomes!)).toEqual(names(cli.solution.tests));
    expect(again!.outcomes!.every((o) => o.state === 'passed')).toBe(true);
  });

  it('fails the untouched starter test by test, with the CLI’s names and messages', async () => {
    const [starter] = await grade([await strip(`exercises/${EXERCISE}.ts`)]);
    console.log(`starter: ${Math.round(starter!.pageMs)} ms; load ${load()}`);
    expect(starter!.error).toBeUndefined();
    const browserSide = starter!.outcomes!.map((o) => ({ name: o.name, state: o.state, message: o.failure?.message }));
    const cliSide = cli.starter.tests.map((t) => ({ name: t.name, state: t.state, message: t.failure?.message }));
    expect(browserSide.every((o) => o.state === 'failed')).toBe(true);
    expect(browserSide).toEqual(cliSide);
  });

  it('reports a learner module that does not load, instead of grading nothing', async () => {
    const [broken] = await grade(['export function greet( {']);
    expect(broken!.outcomes).toBeUndefined();
    expect(broken!.error).toMatch(/SyntaxError/);
  });

  it('made no request outside 127.0.0.1', () => {
    expect(blocked).toEqual([]);
  });
});
