/**
 * `npm run dev` shows the learner's progress: a real `astro dev` on this
 * repository, reading a temporary .workbook/ (WORKBOOK_PROGRESS_ROOT, so a
 * learner's real progress is never read or touched), serves the plan page,
 * a chapter's exercise list, an exercise page and the sidebar with the
 * statuses `npm run report` would print; a page requested after a grading
 * rewrote state.json shows the new status, and the open page is told to
 * reload. That the published site shows none is checked on the build
 * (progressMarkup over dist/, in verify's site stage).
 *
 * Measured: the dev server answers in about 5 s and the pages render in
 * well under a second each once it has started (2 cores, load ~2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises, lastPlanDay } from '../../src/curriculum.ts';
import { progressMarkup, PROGRESS_ROOT_ENV } from '../../src/workbook/site-progress.ts';
import { writeAtomically } from '../../src/workbook/state.ts';
import { ATTEMPTED, NOT_STARTED, SOLVED, SOLVED_BEFORE, progressFixture, progressRoot } from '../../src/workbook/testing/site-progress-fixture.ts';

let root = '';
let server: ChildProcess | undefined;
let base = '';
let output = '';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * The environment `npm run dev` has: without vitest's variables (with
 * VITEST set, Astro's dev server answers every page with 404) and its
 * NODE_ENV=test.
 */
const learnerEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));

beforeAll(async () => {
  root = progressRoot();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // --ignore-lock: a learner's own `npm run dev` on this repository may be running; start beside it, never replace it.
  server = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    env: { ...learnerEnv(), [PROGRESS_ROOT_ENV]: root, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`astro dev exited (${server.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/plan/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`astro dev did not answer within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(() => {
  server?.kill('SIGTERM');
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The page without the dev server's source annotations, so markup reads as the build writes it. */
async function page(path: string): Promise<string> {
  const response = await fetch(base + path);
  expect(response.status, path).toBe(200);
  return (await response.text()).replace(/ data-astro-source-[a-z]+="[^"]*"/g, '');
}
const text = (html: string) => html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The sidebar link to an exercise, with its badge. */
const sidebarLink = (html: string, name: string) => {
  const sidebar = html.slice(html.indexOf('id="starlight__sidebar"'));
  return text(/<a href="\/exercises\/[^"]+\/"[\s\S]*?<\/a>/g.exec(sidebar.slice(sidebar.indexOf(`<a href="/exercises/${name}/"`)))![0]);
};

// A page's first render compiles it (2–3 s on a busy machine): more than vitest's default 5 s per test when the machine is loaded.
describe('npm run dev with progress in .workbook/', { timeout: 30_000 }, () => {
  it('the plan page opens with the week line and marks each exercise', async () => {
    const html = await page('/plan/');
    const words = text(html);
    expect(words).toContain(`Your progress: Day 1 of ${lastPlanDay}: 1 of 4 exercises solved · 1 of ${exercises.length} overall`);
    expect(words).toMatch(/Your first handler 10 min ✔ solved · 2 attempts/);
    expect(words).toMatch(/Invoice detail, scoped to its owner 25 min ◐ attempted · 3 attempts/);
    expect(words).toMatch(/Build the router 45 min ↩ solved before · 4 attempts/);
    expect(words).toMatch(/The URLconf, in Hono 20 min · not started/);
    expect(words).toContain('1 of 4 solved');
    expect(words).toMatch(/From your \.workbook\/ folder \(last graded 1 Dec 2026, \d\d:\d\d\), as npm run report tells it/);
    expect(progressMarkup(html).length).toBeGreaterThan(exercises.length);
  });

  it("a chapter's exercise list marks its exercises", async () => {
    const words = text(await page('/01-shape-of-a-service/'));
    expect(words).toMatch(/Your first handler ✔ solved · 2 attempts 10 min/);
    expect(words).toMatch(/Invoice detail, scoped to its owner ◐ attempted · 3 attempts 25 min/);
  });

  it('an exercise page says its status near the title and, solved, since when', async () => {
    const words = text(await page(`/exercises/${SOLVED}/`));
    expect(words).toMatch(/Your progress: ✔ solved · 2 attempts · passing since 30 Nov 2026, \d\d:\d\d · first solve: 12 min, attempt 2 · 1 hint revealed/);
    expect(text(await page(`/exercises/${NOT_STARTED}/`))).toContain('Your progress: · not started');
  });

  it('the sidebar badges the exercises the learner touched', async () => {
    const html = await page(`/exercises/${NOT_STARTED}/`);
    expect(sidebarLink(html, SOLVED)).toContain('✔ solved');
    expect(sidebarLink(html, ATTEMPTED)).toContain('◐ attempted');
    expect(sidebarLink(html, SOLVED_BEFORE)).toContain('↩ solved before');
    expect(sidebarLink(html, NOT_STARTED)).not.toMatch(/solved|attempted|started/);
    expect(html).toMatch(new RegExp(`Exercises[\\s\\S]{0,400}1 of ${exercises.length} solved`));
  });

  it('after a grading rewrites state.json, the open page is told to reload and the next request shows the new status', async () => {
    const client = await (await fetch(`${base}/@vite/client`)).text();
    const token = /const wsToken = "([^"]+)"/.exec(client)?.[1];
    expect(token, 'the Vite client names its WebSocket token').toBeTruthy();
    const socket = new WebSocket(`${base.replace('http', 'ws')}/?token=${token}`, 'vite-hmr');
    const messages: string[] = [];
    socket.addEventListener('message', (m) => messages.push(String(m.data)));
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', reject);
    });
    try {
      // Vite delivers what it queued before any page connected (a reload after its first dependency
      // scan): let that arrive and drop it, so only what the state change causes is counted.
      await new Promise((r) => setTimeout(r, 1000));
      messages.length = 0;
      // The learner breaks greet: the next grading fails, so it passed once and fails now.
      const state = progressFixture();
      delete state.exercises[SOLVED]!.solvedAt;
      state.exercises[SOLVED]!.attempts = 3;
      // Written as the CLI writes it: a temporary file renamed over state.json.
      writeAtomically(join(root, '.workbook', 'state.json'), JSON.stringify(state));
      const deadline = Date.now() + 10_000;
      while (!messages.some((m) => m.includes('"full-reload"')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(messages.filter((m) => m.includes('"full-reload"')), messages.join('\n')).not.toHaveLength(0);
    } finally {
      socket.close();
    }
    const words = text(await page(`/exercises/${SOLVED}/`));
    expect(words).toMatch(/Your progress: ↩ solved before · 3 attempts · passed on 30 Nov 2026, \d\d:\d\d, fails now/);
    expect(text(await page('/plan/'))).toContain(`Day 1 of ${lastPlanDay}: 0 of 4 exercises solved · 0 of ${exercises.length} overall`);
  });
});
