/**
 * A committed mutation report is current only while the files that decide
 * its result are unchanged: the grader, the reference, and every helper and
 * fixture they read. verify names a stale or missing report and the command
 * that fixes it, and ignores what cannot change the result (known-wrong
 * variants, the manifest's prose, line endings).
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exercises, paths, type Exercise } from '../../src/curriculum.ts';
import { fingerprint, inputsOf } from '../../src/mutants/inputs.ts';
import { buildReport, reportPath, writeReport, type StrykerResult } from '../../src/mutants/report.ts';
import { freshness } from '../../src/mutants/stale.ts';
import { checkMutants } from '../../src/verify/checks/mutants.ts';
import { Report } from '../../src/verify/report.ts';

const root = resolve(import.meta.dirname, '../..');
const greet = exercises.find((e) => e.name === 'greet')!;
const invoiceDetail = exercises.find((e) => e.name === 'invoice-detail')!;
const files = (e: Exercise) => ({ grader: paths.grader(e), reference: paths.solution(e), engine: e.engine });

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scratch copy of the repository holding just these exercises' inputs (and a wrong variant), each with a fresh report. */
function scratchRepo(list: Exercise[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mutants-stale-'));
  dirs.push(dir);
  const copy = (file: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  };
  copy('package.json');
  copy('src/curriculum.ts');
  copy('test/01-shape-of-a-service/wrong/greet.no-trim.ts');
  for (const e of list) {
    inputsOf(files(e), root).forEach(copy);
    writeReport(dir, e, fakeReport(e, dir));
  }
  return dir;
}

const noMutants: StrykerResult = { files: {} };
const measured = { stryker: 'test', typescriptChecker: 'test', concurrency: 1, seconds: 0, secondsPerMutant: 0, load: 'test' };
const fakeReport = (e: Exercise, dir: string) => buildReport(e.name, fingerprint(files(e), dir), noMutants, measured);

describe('mutation report freshness', () => {
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });

  it('a report made from the files as they are is current', () => {
    const dir = scratchRepo([greet, invoiceDetail]);
    expect(freshness(greet, dir).state).toBe('current');
    expect(freshness(invoiceDetail, dir).state).toBe('current');
  });

  it('a changed grader makes its report stale, naming the file and the command', () => {
    const dir = scratchRepo([greet]);
    appendFileSync(join(dir, paths.grader(greet)), '\n// one more requirement\n');
    const state = freshness(greet, dir);
    expect(state.state).toBe('stale');
    expect('problem' in state && state.problem).toContain(`changed ${paths.grader(greet)}`);
    expect('problem' in state && state.problem).toContain('run npm run mutants greet and commit test/01-shape-of-a-service/mutants/greet.json');
  });

  it('a changed reference makes its report stale', () => {
    const dir = scratchRepo([greet]);
    appendFileSync(join(dir, paths.solution(greet)), '\nexport const extra = 1;\n');
    expect(freshness(greet, dir)).toMatchObject({ state: 'stale', problem: expect.stringContaining(`changed ${paths.solution(greet)}`) });
  });

  it('a changed fixture or test helper stales exactly the reports of the graders that read it', () => {
    const dir = scratchRepo([greet, invoiceDetail]);
    appendFileSync(join(dir, 'test/fixtures/billing.ts'), '\n// a new seed row would go here\n');
    expect(freshness(invoiceDetail, dir)).toMatchObject({ state: 'stale', problem: expect.stringContaining('changed test/fixtures/billing.ts') });
    expect(freshness(greet, dir).state).toBe('current');
    appendFileSync(join(dir, 'src/workbook/testing/http.ts'), '\n// changed helper\n');
    expect(freshness(greet, dir).state).toBe('stale');
  });

  it('a grader that starts importing another helper names the new input', () => {
    const dir = scratchRepo([greet]);
    writeFileSync(join(dir, 'test/01-shape-of-a-service/helper.ts'), 'export const x = 1;\n');
    appendFileSync(join(dir, paths.grader(greet)), "\nimport { x } from './helper.ts';\n");
    expect(freshness(greet, dir)).toMatchObject({ problem: expect.stringContaining('new input test/01-shape-of-a-service/helper.ts') });
  });

  it('known-wrong variants, manifest prose and CRLF line endings do not change the result, so they stale nothing', () => {
    const dir = scratchRepo([greet, invoiceDetail]);
    appendFileSync(join(dir, 'test/01-shape-of-a-service/wrong/greet.no-trim.ts'), '\n// edited\n');
    appendFileSync(join(dir, 'src/curriculum.ts'), '\n// a hint reworded\n');
    const grader = join(dir, paths.grader(greet));
    writeFileSync(grader, readFileSync(grader, 'utf8').replaceAll('\n', '\r\n'));
    expect(freshness(greet, dir).state).toBe('current');
    expect(freshness(invoiceDetail, dir).state).toBe('current');
  });

  it("a database exercise's report depends on the engine that grades it", () => {
    const dir = scratchRepo([invoiceDetail]);
    const onPgMem = fingerprint({ ...files(invoiceDetail), engine: 'pg-mem' }, dir);
    const onPglite = fingerprint({ ...files(invoiceDetail), engine: 'pglite' }, dir);
    expect(onPgMem.hash).not.toBe(onPglite.hash);
    expect(Object.keys(onPgMem.inputs)).toContain('src/curriculum.ts (engine)');
  });

  it('a missing or unreadable report is named with the command that makes one', () => {
    const dir = scratchRepo([greet]);
    expect(freshness(invoiceDetail, dir)).toMatchObject({
      state: 'missing',
      problem: 'invoice-detail has no mutation report (test/01-shape-of-a-service/mutants/invoice-detail.json): run npm run mutants invoice-detail and commit test/01-shape-of-a-service/mutants/invoice-detail.json',
    });
    writeFileSync(join(dir, reportPath(greet)), '{"exercise": "greet"}');
    expect(freshness(greet, dir)).toMatchObject({ state: 'unreadable', problem: expect.stringContaining('npm run mutants greet') });
  });

  it('verify fails one line per stale or missing report, naming the command', () => {
    const dir = scratchRepo([greet, invoiceDetail]);
    appendFileSync(join(dir, paths.grader(greet)), '\n// edited\n');
    const report = new Report();
    checkMutants(report, dir);
    const others = exercises.length - 2;
    expect(report.failed).toBe(1 + others);
    expect(report.results.find((r) => r.name.includes('invoice-detail'))?.ok).toBe(true);
    expect(report.results.find((r) => r.name.includes('greet'))?.detail).toContain('npm run mutants greet');
    expect(report.results.find((r) => r.name.includes('router'))?.detail).toContain('npm run mutants router');
  });

  it('verify fails a current report that scores below 90% or leaves a survivor unexplained', () => {
    const dir = scratchRepo([greet, invoiceDetail]);
    const edit = (e: Exercise, change: (r: Record<string, unknown>) => void) => {
      const file = join(dir, reportPath(e));
      const json = JSON.parse(readFileSync(file, 'utf8'));
      change(json);
      writeFileSync(file, JSON.stringify(json));
    };
    const survivor = { file: 'x.ts', line: 3, column: 7, mutator: 'StringLiteral', status: 'Survived', original: "'a'", replacement: '""', equivalent: null };
    edit(greet, (r) => void (r.score = 89.9));
    edit(invoiceDetail, (r) => void (r.survivors = [survivor]));
    const report = new Report();
    checkMutants(report, dir);
    const line = (name: string) => report.results.find((r) => r.name.includes(name))!;
    expect(line('greet')).toMatchObject({ ok: false, detail: expect.stringContaining('89.9% is below 90%') });
    expect(line('invoice-detail')).toMatchObject({ ok: false, detail: expect.stringContaining('x.ts:3:7 StringLiteral survived with no reason') });
  });
});
