/**
 * The browser runner, timed as a reader meets it (issue 15): on an exercise
 * page in headless Chromium, click → first result with a cold HTTP cache
 * (worker, grader bundle and, for a database exercise, PGlite and its seeded
 * snapshot all downloaded from the built site), then a re-grade of the same
 * page. Each run is a fresh browser context, so nothing is cached between
 * runs; median of `runs`. Targets: first result ≤ 3 s, re-grade ≤ 0.5 s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { preview } from 'astro';
import { exercises, paths } from '../../curriculum.ts';
import { gradeInPage, openEditor } from '../../browser-runner/page/drive.ts';
import { launchChromium } from '../../verify/checks/browser.ts';
import { removeOnExit } from '../../lib-dev/procs.ts';
import { median } from '../lib/stats.ts';
import { astroBuild } from './site.ts';

const root = resolve(import.meta.dirname, '../../..');
export const FIRST_RESULT_TARGET_MS = 3_000;
export const REGRADE_TARGET_MS = 500;
/** One exercise without a database, and the database exercises (PGlite in the page). */
export const RUNNER_BENCH_EXERCISES = ['greet', 'invoice-detail', 'create-invoice'] as const;

export interface RunnerTiming {
  exercise: string;
  database: boolean;
  firstResultMs: number;
  firstResultRuns: number[];
  regradeMs: number;
  regradeRuns: number[];
}

export async function runnerBench(runs: number): Promise<RunnerTiming[]> {
  const outDir = mkdtempSync(join(root, 'djts-bench-runner-'));
  removeOnExit(outDir);
  try {
    await astroBuild(root, outDir);
    const server = await preview({ root, outDir, logLevel: 'error', server: { port: 4397, host: '127.0.0.1' } });
    const base = `http://127.0.0.1:${server.port}`;
    const browser = await launchChromium();
    try {
      const timings: RunnerTiming[] = [];
      for (const name of RUNNER_BENCH_EXERCISES) {
        const exercise = exercises.find((e) => e.name === name)!;
        const source = readFileSync(join(root, paths.solution(exercise)), 'utf8');
        const first: number[] = [];
        const again: number[] = [];
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext();
          try {
            const page = await context.newPage();
            await page.goto(`${base}/exercises/${name}/`, { waitUntil: 'networkidle' });
            const opened = Date.now();
            await openEditor(page);
            const firstGrade = await gradeInPage(page, source);
            if (!firstGrade.solved) throw new Error(`${name}: the reference was not solved in the browser: ${firstGrade.summary}`);
            // From the click that opens the editor: the editor, the worker and PGlite all load after it.
            first.push(Date.now() - opened);
            const regrade = await gradeInPage(page, source);
            again.push(regrade.ms);
          } finally {
            await context.close();
          }
        }
        timings.push({ exercise: name, database: exercise.engine !== null, firstResultMs: median(first), firstResultRuns: first, regradeMs: median(again), regradeRuns: again });
      }
      return timings;
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
