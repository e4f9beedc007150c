/**
 * The browser runner (issue 15), end to end: buildRunner() writes the worker,
 * every browser grader and index.json into a temp dir, served from 127.0.0.1
 * with every other request refused (offline proof); headless Chromium (with
 * --expose-gc, so chapter 6's garbage-collection tests run too) grades through
 * the page-side client (src/browser-runner/client.ts), the way an exercise
 * page will. Compared with a real vitest run of the same graders (the CLI's
 * runner), for each of the 9 exercises without a database:
 *   reference → solved, with the CLI's test names in the CLI's order
 *   untouched starter → not solved, same names, states and messages as the CLI
 * plus the watchdog (an endless loop stops the worker, the next grade works),
 * a syntax error (strip error with line:column), an import the page cannot
 * offer, and every known-wrong variant of those 9 (each must be caught).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunner } from '../../src/browser-runner/build.ts';
import type { GradeResult, RunnerIndex } from '../../src/browser-runner/contract.ts';
import { exercises, paths } from '../../src/curriculum.ts';
import { runVitest, type ModuleResult } from '../../src/workbook/grading/run-vitest.ts';
import { substitute } from '../../src/workbook/grading/substitute.ts';
import { wrongVariants } from '../../src/workbook/variants.ts';

/** The exercises without a database that the manifest grades in the browser. */
const NAMES = ['greet', 'router', 'hono-urlconf', 'request-id', 'error-boundary', 'compose', 'run-group', 'dashboard', 'map-limit'];
const EXERCISES = NAMES.map((n) => exercises.find((e) => e.name === n)!);
/**
 * Known-wrong variants that only a forced garbage collection catches: a
 * reader's browser (no --expose-gc) reports their tests as local-only and
 * lets them through; npm test catches them. Listed, not hidden.
 */
const GC_ONLY_VARIANTS: string[] = ['test/06-concurrency/wrong/run-group.once-is-enough.ts'];
/** The watchdog's silence limit in these tests (the page's default is client.ts SILENCE_MS). */
const SILENCE_MS = 3_000;

let dir = '';
let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;
let base = '';
let index: RunnerIndex;
const blocked: string[] = [];
const missing: string[] = [];
const cli = { solutions: new Map<string, ModuleResult>(), exercises: new Map<string, ModuleResult>(), substitutes: new Map<string, ModuleResult>(), hanging: undefined as ModuleResult | undefined };

/** A greet that never answers for "Ada": the tests that ask for her hit the per-test timeout (5 s, vitest-projects.ts), the others pass. */
const HANGING_GREET = readFileSync('solutions/01-shape-of-a-service/greet.ts', 'utf8').replace(
  'export function greet(request: Request): Response {',
  'export function greet(request: Request): Response {\n  if (new URL(request.url).searchParams.get(\'name\') === \'Ada\') return new Promise(() => {}) as unknown as Response;',
);

/**
 * Learner files that leave a promise rejected with nobody awaiting it: the CLI
 * fails the test it surfaced in (src/workbook/grading/unhandled-setup.ts), or
 * every test when it happened while the module loaded; the browser must too.
 */
const FORGOTTEN: Record<string, string> = {
  greet: readFileSync('solutions/01-shape-of-a-service/greet.ts', 'utf8').replace(
    'export function greet(request: Request): Response {',
    'export function greet(request: Request): Response {\n  if (new URL(request.url).searchParams.get(\'name\') === \'Ada\') Promise.reject(new Error(\'a forgotten promise\'));',
  ),
  router: `Promise.reject(new Error('rejected while loading'));\n${readFileSync('solutions/02-routing/router.ts', 'utf8')}`,
};

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The page loads the client as an exercise page would, as a module; tests reach it through window.client. */
const PAGE = '<!doctype html><html lang="en"><title>grade</title><script>window.client = new Promise((r) => (window.clientLoaded = r));</script><script type="module">import * as c from "/client.js"; window.clientLoaded(c);</script></html>';

function serve(root: string): Promise<string> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.ts': 'text/plain; charset=utf-8' };
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      return void res.writeHead(404).end();
    }
    // Content-hashed names can be cached for good, as the site should serve them; index.json and the rest must be revalidated.
    const hashed = /-[A-Z0-9]{8}\.js$/.test(path);
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}`)));
}

beforeAll(async () => {
  const started = performance.now();
  dir = mkdtempSync(join(tmpdir(), 'browser-grade-'));
  const graderFiles = EXERCISES.map(paths.grader);
  const vitestRun = async (target: 'solutions' | 'exercises') => {
    const run = await runVitest({ target, files: graderFiles });
    for (const module of run.modules) cli[target].set(module.file, module);
    if (run.modules.length !== graderFiles.length) throw new Error(`vitest (${target}) graded ${run.modules.length} of ${graderFiles.length} files: ${run.crash ?? JSON.stringify(run.timedOut)}`);
  };
  const building = (async () => {
    const built = performance.now();
    index = await buildRunner(join(dir, 'runner'));
    const buildMs = performance.now() - built;
    // The page side, as an exercise page would load it.
    await build({ entryPoints: ['src/browser-runner/client.ts'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, outfile: join(dir, 'client.js'), logLevel: 'silent' });
    const runnerDir = join(dir, 'runner');
    const all = readdirSync(runnerDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.js')).map((d) => join(d.parentPath, d.name));
    const entries = new Set(Object.values(index.exercises).map((e) => join(runnerDir, e.grader)));
    const shared = all.filter((f) => !entries.has(f));
    console.log(
      `runner build ${Math.round(buildMs)} ms; shared (worker + ${shared.length - 1} chunks) ${kb(shared.reduce((s, f) => s + gz(f), 0))} gzip, of which worker ${kb(gz(join(runnerDir, index.worker)))}; ` +
        `per exercise: ${Object.entries(index.exercises).map(([n, e]) => `${n} ${kb(gz(join(runnerDir, e.grader)))}`).join(', ')}; client.js ${kb(gz(join(dir, 'client.js')))}`,
    );
  })();
  const substitutes = substitute(FORGOTTEN);
  const forgotten = runVitest({ target: 'exercises', files: Object.keys(FORGOTTEN).map((n) => paths.grader(exercises.find((e) => e.name === n)!)), env: substitutes.env }).then((run) => {
    for (const module of run.modules) cli.substitutes.set(module.file, module);
  });
  const hangingFile = substitute({ greet: HANGING_GREET });
  const hanging = runVitest({ target: 'exercises', files: [paths.grader(EXERCISES[0]!)], env: hangingFile.env }).then((run) => {
    cli.hanging = run.modules[0];
  });
  await Promise.all([vitestRun('solutions'), vitestRun('exercises'), building, forgotten.finally(() => substitutes.remove()), hanging.finally(() => hangingFile.remove())]);
  console.log(`setup ${Math.round(performance.now() - started)} ms, load ${load()}`);
  base = await serve(dir);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
  const context = await browser.newContext();
  // Nothing leaves the machine: any request but to our server is refused and recorded.
  await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (blocked.push(route.request().url()), route.abort())));
  page = await context.newPage();
  await page.goto(base + '/');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Timed { result: GradeResult; pageMs: number }

/**
 * Grades each source in turn with one grader (one worker): the first grade
 * starts the worker (cold), the next ones re-grade. `fresh` starts a new
 * grader (and worker) for this call.
 */
function grade(exercise: string, sources: string[], options: { fresh?: boolean; silenceMs?: number; on?: Page } = {}): Promise<Timed[]> {
  return (options.on ?? page).evaluate(
    async ({ exercise, sources, fresh, silenceMs }) => {
      const w = window as any;
      const { createBrowserGrader } = await w.client;
      if (fresh || !w.grader) {
        w.grader?.dispose();
        w.grader = createBrowserGrader({ runnerBase: '/runner/', silenceMs });
      }
      const out = [];
      for (const source of sources) {
        const start = performance.now();
        const result = await w.grader.grade(exercise, source);
        out.push({ result, pageMs: performance.now() - start });
      }
      return out;
    },
    { exercise, sources, fresh: options.fresh ?? false, silenceMs: options.silenceMs ?? SILENCE_MS },
  );
}

const read = (file: string) => readFileSync(file, 'utf8');
const graded = (r: GradeResult) => {
  if (r.kind !== 'graded') throw new Error(`expected a graded result, got ${r.stage}: ${r.message}`);
  return r;
};

describe('the 9 exercises without a database, graded in a browser worker', () => {
  it.each(EXERCISES)('$name: the reference is solved, with the CLI’s test names in its order; the starter is not, with its messages', async (exercise) => {
    const cliSolution = cli.solutions.get(paths.grader(exercise))!;
    const cliStarter = cli.exercises.get(paths.grader(exercise))!;
    expect(cliSolution.tests.every((t) => t.state === 'passed'), 'the CLI passes the reference').toBe(true);

    const reference = read(paths.solution(exercise));
    const [cold, again, starter] = await grade(exercise.name, [reference, reference, read(paths.starter(exercise))], { fresh: true });
    const first = graded(cold!.result);
    console.log(
      `${exercise.name}: ${first.outcomes.length} tests; cold ${Math.round(cold!.pageMs)} ms (worker start + import ${Math.round(first.timings.loadMs)} ms), ` +
        `re-grade ${Math.round(again!.pageMs)} ms (import ${Math.round(graded(again!.result).timings.loadMs)} ms), starter ${Math.round(starter!.pageMs)} ms; load ${load()}`,
    );
    expect(first.outcomes.filter((o) => o.state !== 'pass').map((o) => `${o.name}: ${o.state} ${o.message}`).join('\n')).toBe('');
    expect(first.solved).toBe(true);
    expect(first.outcomes.map((o) => o.name)).toEqual(cliSolution.tests.map((t) => t.name));
    // Joined into one string: a failure message then names the test, where an array would print as "[ Array(1) ]".
    expect(graded(again!.result).outcomes.filter((o) => o.state !== 'pass').map((o) => `${o.name}: ${o.state} ${o.message}`).join('\n'), 'the re-grade (in the same worker; a fresh one after a grade that forced a garbage collection)').toBe('');
    expect(graded(again!.result).solved).toBe(true);
    expect(graded(again!.result).outcomes.map((o) => o.name)).toEqual(cliSolution.tests.map((t) => t.name));

    const s = graded(starter!.result);
    expect(s.solved).toBe(false);
    const state = { pass: 'passed', fail: 'failed', 'local-only': 'local-only' } as const;
    expect(s.outcomes.map((o) => ({ name: o.name, state: state[o.state], message: o.message }))).toEqual(
      cliStarter.tests.map((t) => ({ name: t.name, state: t.state, message: t.failure?.message })),
    );
  }, 60_000);
});

describe('what a page must survive', () => {
  const greet = EXERCISES[0]!;

  it('stops an endless loop in a test, names the test, and grades again with a new worker', async () => {
    const looping = 'export function greet(request: Request): Response {\n  while (true) {}\n}\n';
    const [stuck, after] = await grade('greet', [looping, read(paths.solution(greet))], { fresh: true });
    console.log(`endless loop answered in ${Math.round(stuck!.pageMs)} ms (silence limit ${SILENCE_MS} ms); next grade ${Math.round(after!.pageMs)} ms`);
    expect(stuck!.result).toMatchObject({ kind: 'error', stage: 'timeout' });
    expect((stuck!.result as { message: string }).message).toContain(`the test "${cli.solutions.get(paths.grader(greet))!.tests[0]!.name}"`);
    expect(graded(after!.result).solved).toBe(true);
  }, 30_000);

  it('stops an endless loop at the top of the module, saying so', async () => {
    const [stuck] = await grade('greet', ['while (true) {}\nexport function greet() {}\n']);
    expect(stuck!.result).toMatchObject({ kind: 'error', stage: 'timeout' });
    expect((stuck!.result as { message: string }).message).toContain('loading your module');
  }, 30_000);

  it('answers crash when the worker cannot start, and starts one again on the next grade', async () => {
    const context = await browser!.newContext();
    let refuse = true;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (!url.startsWith(base)) return (blocked.push(url), route.abort());
      // The worker's script fails to load once (a dropped connection, a deploy in between).
      if (refuse && url.includes('/runner/worker-')) return route.abort();
      return route.continue();
    });
    const other = await context.newPage();
    await other.goto(base + '/');
    const [crashed] = await grade('greet', [read(paths.solution(greet))], { fresh: true, on: other });
    refuse = false;
    const [after] = await grade('greet', [read(paths.solution(greet))], { on: other });
    await context.close();
    expect(crashed!.result).toMatchObject({ kind: 'error', stage: 'crash', message: expect.stringContaining('The next run starts a new one') });
    expect(graded(after!.result).solved).toBe(true);
  }, 30_000);

  it('waits for a new worker whose code arrives slowly instead of calling it an endless loop', async () => {
    const context = await browser!.newContext();
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(base)) return (blocked.push(url), route.abort());
      // A slow connection: the worker's script takes longer than the silence limit to arrive.
      if (url.includes('/runner/worker-')) await new Promise((resolve) => setTimeout(resolve, SILENCE_MS + 1_500));
      return route.continue();
    });
    const other = await context.newPage();
    await other.goto(base + '/');
    const [slow] = await grade('greet', [read(paths.solution(greet))], { fresh: true, on: other });
    await context.close();
    expect(graded(slow!.result).solved).toBe(true);
    expect(slow!.pageMs).toBeGreaterThan(SILENCE_MS);
  }, 30_000);

  it('does not let a timer an attempt left running throw into the next grade (the worker is reused)', async () => {
    const leaving = `setInterval(() => { throw new Error('left behind by the last attempt'); }, 1);\n${read(paths.solution(greet))}`;
    const [first, next] = await grade('greet', [leaving, read(paths.solution(greet))], { fresh: true });
    expect(graded(first!.result).solved, 'its own grade fails: the interval throws during the tests').toBe(false);
    expect(graded(next!.result).outcomes.filter((o) => o.state !== 'pass').map((o) => o.message)).toEqual([]);
  }, 30_000);

  it('reports a syntax error with the line and column in the learner’s file', async () => {
    const [broken] = await grade('greet', ['// a comment\nexport function greet(request: Request {\n  return new Response();\n}\n']);
    expect(broken!.result).toEqual({ kind: 'error', stage: 'strip', message: expect.stringMatching(/^exercises\/01-shape-of-a-service\/greet\.ts:2:40: Unexpected token/) });
  }, 30_000);

  it('reports a module that throws while loading, instead of grading nothing', async () => {
    const [thrown] = await grade('greet', ['throw new Error("boom at load");\nexport function greet() {}\n']);
    expect(thrown!.result).toMatchObject({ kind: 'error', stage: 'load', message: expect.stringContaining('boom at load') });
  }, 30_000);

  it('refuses an import the page cannot offer, naming what it offers', async () => {
    const [hono] = await grade('hono-urlconf', [read('solutions/02-routing/hono-urlconf.ts').replace("from 'hono';", "from 'express';")]);
    expect(hono!.result).toMatchObject({ kind: 'error', stage: 'load', message: expect.stringContaining('imports "express", which this page cannot load (it offers "hono"') });
  }, 30_000);

  it.each(Object.keys(FORGOTTEN))('%s: a promise nobody awaits fails the tests the CLI fails, with its messages', async (name) => {
    const exercise = EXERCISES.find((e) => e.name === name)!;
    const [result] = await grade(name, [FORGOTTEN[name]!], { fresh: true });
    const state = { pass: 'passed', fail: 'failed', 'local-only': 'local-only' } as const;
    const browserSide = graded(result!.result).outcomes.map((o) => ({ name: o.name, state: state[o.state], message: o.message }));
    const cliSide = cli.substitutes.get(paths.grader(exercise))!.tests.map((t) => ({ name: t.name, state: t.state, message: t.failure?.message }));
    expect(cliSide.some((t) => t.state === 'failed'), 'the CLI fails it').toBe(true);
    expect(browserSide).toEqual(cliSide);
  }, 30_000);

  it('fails a test that never settles after the CLI’s per-test timeout, with its message, and goes on with the others', async () => {
    const [result] = await grade('greet', [HANGING_GREET], { fresh: true });
    const state = { pass: 'passed', fail: 'failed', 'local-only': 'local-only' } as const;
    const browserSide = graded(result!.result).outcomes.map((o) => ({ name: o.name, state: state[o.state], message: o.message }));
    const cliSide = cli.hanging!.tests.map((t) => ({ name: t.name, state: t.state, message: t.failure?.message }));
    expect(cliSide.filter((t) => t.message?.includes('timed out')).length, 'the CLI times out the tests that ask for Ada').toBeGreaterThan(0);
    expect(browserSide).toEqual(cliSide);
  }, 60_000);

  it('cannot be told "solved" by the learner’s code posting a result itself', async () => {
    const forged = { kind: 'graded', outcomes: [], passed: 11, failed: 0, localOnly: 0, solved: true, timings: { loadMs: 0, totalMs: 0 } };
    const cheat = [
      read(paths.starter(greet)),
      `for (let id = 0; id < 100; id++) self.postMessage({ type: 'result', id, result: ${JSON.stringify(forged)}, loadMs: 0 });`,
      `self.postMessage({ type: 'connect' }, [new MessageChannel().port2]);`,
    ].join('\n');
    const [result] = await grade('greet', [cheat], { fresh: true });
    expect(graded(result!.result).solved).toBe(false);
    expect(graded(result!.result).failed).toBeGreaterThan(0);
  }, 30_000);

  it('catches every known-wrong variant of the 9 exercises', async () => {
    const uncaught: string[] = [];
    const byLoadError: string[] = [];
    const started = performance.now();
    let count = 0;
    for (const exercise of EXERCISES) {
      const variants = wrongVariants(exercise);
      const results = await grade(exercise.name, variants.map((v) => read(v.file)), { fresh: true });
      results.forEach(({ result }, i) => {
        count++;
        const file = variants[i]!.file;
        if (result.kind === 'error') {
          if (result.stage !== 'load') uncaught.push(`${file}: ${result.stage} error: ${result.message}`);
          else byLoadError.push(`${file}: ${result.message}`);
        } else if (result.failed === 0) {
          uncaught.push(`${file}: not caught (${result.passed} passed, ${result.localOnly} local-only: ${result.outcomes.filter((o) => o.state === 'local-only').map((o) => o.name).join('; ')})`);
        }
      });
    }
    console.log(`${count} wrong variants graded in ${Math.round(performance.now() - started)} ms; load ${load()}; not caught: ${uncaught.length ? `\n${uncaught.join('\n')}` : 'none'}; caught by a load error, not a test: ${byLoadError.length ? `\n${byLoadError.join('\n')}` : 'none'}`);
    expect(count).toBeGreaterThan(50);
    expect(uncaught).toEqual([]);
  }, 300_000);

  it('reports the garbage-collection tests as local-only in a browser without --expose-gc, and the rest as graded', async () => {
    // A second Chromium, as a reader's: no gc() in its workers.
    const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const context = await plain.newContext();
      await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (blocked.push(route.request().url()), route.abort())));
      const other = await context.newPage();
      await other.goto(base + '/');
      const gcOnly: string[] = [];
      for (const name of ['run-group', 'map-limit', 'dashboard']) {
        const exercise = EXERCISES.find((e) => e.name === name)!;
        const [reference] = await grade(name, [read(paths.solution(exercise))], { fresh: true, on: other });
        const result = graded(reference!.result);
        const localOnly = result.outcomes.filter((o) => o.state === 'local-only');
        console.log(`${name} without gc: ${result.passed} passed, ${localOnly.length} local-only (${localOnly.map((o) => o.name).join('; ')})`);
        expect(result.failed).toBe(0);
        expect(result.solved).toBe(true);
        expect(localOnly.length).toBeGreaterThan(0);
        for (const o of localOnly) expect(o.message).toBe("needs a forced garbage collection, which only npm test (Node's --expose-gc) can do");
        // The wrong variants a reader's browser lets through: only a forced collection catches them.
        const variants = wrongVariants(exercise);
        const results = await grade(name, variants.map((v) => read(v.file)), { on: other });
        results.forEach(({ result }, i) => {
          if (result.kind === 'graded' && result.failed === 0) gcOnly.push(variants[i]!.file);
        });
      }
      console.log(`wrong variants caught only where gc() exists (npm test, or Chromium with --expose-gc): ${gcOnly.join(', ') || 'none'}`);
      expect(gcOnly).toEqual(GC_ONLY_VARIANTS);
    } finally {
      await plain.close();
    }
  }, 60_000);

  it('starts a new worker faster from the HTTP cache (measured; Playwright routing, used above for the offline proof, turns the cache off)', async () => {
    const context = await browser!.newContext();
    const other = await context.newPage();
    await other.goto(base + '/');
    const times: string[] = [];
    for (const round of ['empty cache', 'cached', 'cached']) {
      const [cold] = await grade('router', [read('solutions/02-routing/router.ts')], { fresh: true, on: other });
      const r = graded(cold!.result);
      expect(r.solved).toBe(true);
      times.push(`${round}: ${Math.round(cold!.pageMs)} ms (worker start + import ${Math.round(r.timings.loadMs)} ms)`);
    }
    await context.close();
    console.log(`router, new worker each time: ${times.join('; ')}; load ${load()}`);
  }, 30_000);

  it('made no request outside 127.0.0.1 and asked for no missing file', () => {
    expect(blocked).toEqual([]);
    expect(missing).toEqual([]);
  });
});
