/**
 * The browser twin of the graders' database, proved faithful in Node: runs
 * src/browser-runner/database-twin.vitest.config.ts (every browser-graded
 * database exercise's real grader with database.ts mapped to the twin, the
 * snapshots the site build writes) in a child vitest, and checks that each
 * reference passes every test, each untouched starter fails, and each
 * known-wrong variant fails — as verify requires of the CLI.
 *
 * Slow (about 2 minutes on 2 busy cores: ~40 grader runs on PGlite).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_ENV, type ProjectOutcome } from '../../src/browser-runner/database-twin.reporter.ts';
import { twinExercises } from '../../src/browser-runner/database-twin.vitest.config.ts';
import { wrongVariants } from '../../src/workbook/variants.ts';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
let outcomes: Record<string, ProjectOutcome> = {};

/**
 * The child vitest, awaited without blocking this worker's event loop: the
 * grading CLI's watchdog (and verify's) reads a worker whose loop never turns
 * for seconds as a test stuck in an endless loop, and stops it. One worker:
 * under verify it runs beside the other runtime tests on two cores, and the
 * browser grading tests there time real work.
 */
function runChild(report: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'src/browser-runner/database-twin.vitest.config.ts', '--reporter', resolve(root, 'src/browser-runner/database-twin.reporter.ts'), '--maxWorkers', '1'],
      { cwd: root, env: { ...process.env, [REPORT_ENV]: report }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c).slice(-20_000)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c).slice(-20_000)));
    child.on('error', fail);
    child.on('close', () => done({ stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'database-twin-report-'));
  const report = join(dir, 'report.json');
  const started = performance.now();
  const run = await runChild(report);
  console.log(`browser-database-twin: ${Math.round((performance.now() - started) / 1000)} s for the whole config (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  outcomes = JSON.parse(readFileSync(report, 'utf8'));
  if (Object.keys(outcomes).length === 0) throw new Error(`the twin's vitest reported nothing:\n${run.stdout}\n${run.stderr}`);
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(twinExercises.map((e) => [e.name, e] as const))('%s graded with the browser twin', (name, exercise) => {
  it('passes the reference, every test', () => {
    const outcome = outcomes[`twin:solutions:${name}`]!;
    expect(outcome.errors).toEqual([]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.passed.length).toBeGreaterThan(10);
  });

  it('fails the untouched starter', () => {
    expect(outcomes[`twin:starters:${name}`]!.failed.length).toBeGreaterThan(0);
  });

  it.each(wrongVariants(exercise, root).map((v) => [v.name]))('fails the known-wrong variant %s', (variant) => {
    const outcome = outcomes[`twin:wrong:${name}.${variant}`]!;
    expect(outcome, `no result for ${variant}`).toBeDefined();
    expect(outcome.failed.length + outcome.errors.length, `${variant} passed every test on the twin`).toBeGreaterThan(0);
  });
});
