/**
 * The pieces of `npm run mutants` that do not need a 30-second Stryker run:
 * which files count as an exercise's inputs, how Stryker's result becomes
 * the committed report (deterministic, survivors readable, reasons kept),
 * the Stryker and vitest settings the research found necessary, and the
 * throwaway copy the mutants are written into.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { fingerprint, inputsOf } from '../../src/mutants/inputs.ts';
import { buildReport, carryOverReasons, oneLine, scoreOf, type StrykerResult, type Survivor } from '../../src/mutants/report.ts';
import { filesToMutate, strykerOptions } from '../../src/mutants/stryker-options.ts';
import { createWorkspace, removeAbandonedWorkspaces } from '../../src/mutants/workspace.ts';

const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mutants-tool-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the inputs of an exercise', () => {
  const repo = () =>
    scratch({
      'package.json': JSON.stringify({ imports: { '#lib/*': './src/lib/*.ts' } }),
      'test/01-x/ex.test.ts': [
        "import { describe } from 'vitest';",
        "import { ex } from '@exercise/01-x/ex';",
        'import {',
        '  helper,',
        "} from '../helpers/multi-line.ts';",
        "import type { Shape } from '../helpers/types-only.ts';",
        "const seed = readFileSync(join(import.meta.dirname, 'seed.json'), 'utf8');",
        "const lazy = await import('../helpers/lazy.ts');",
      ].join('\n'),
      'test/01-x/seed.json': '{}',
      'test/helpers/multi-line.ts': "export const helper = 1; const schema = 'test/helpers/schema.sql';",
      'test/helpers/schema.sql': 'CREATE TABLE t ();',
      'test/helpers/types-only.ts': 'export type Shape = {};',
      'test/helpers/lazy.ts': 'export {};',
      'test/helpers/unused.ts': 'export {};',
      'solutions/01-x/ex.ts': "import type { Db } from '#lib/db';\nimport { q } from './ex.queries.ts';\nexport const ex = 1;",
      'solutions/01-x/ex.queries.ts': 'export const q = 1;',
      'src/lib/db.ts': 'export type Db = {};',
      'node_modules/pkg/data.json': '{}',
    });

  it('follows relative, @exercise, #lib, type-only, multi-line and dynamic imports, and the data files modules name', () => {
    expect(inputsOf({ grader: 'test/01-x/ex.test.ts', reference: 'solutions/01-x/ex.ts', engine: null }, repo())).toEqual([
      'solutions/01-x/ex.queries.ts',
      'solutions/01-x/ex.ts',
      'src/lib/db.ts',
      'test/01-x/ex.test.ts',
      'test/01-x/seed.json',
      'test/helpers/lazy.ts',
      'test/helpers/multi-line.ts',
      'test/helpers/schema.sql',
      'test/helpers/types-only.ts',
    ]);
  });

  it("the capstone's recorded Django response and seed are inputs of its report", () => {
    const capstone = exercises.find((e) => e.name === 'port-expense-list')!;
    const inputs = inputsOf({ grader: paths.grader(capstone), reference: paths.solution(capstone), engine: capstone.engine }, root);
    expect(inputs).toEqual(expect.arrayContaining(['test/10-where-to-start/recorded/expense-list.json', 'test/fixtures/10-expenses.json', 'test/fixtures/schema/expenses.schema.sql']));
  });

  it('mutates the reference but never its generated queries', () => {
    const scoped = exercises.find((e) => e.name === 'scoped-invoice')!;
    const { inputs } = fingerprint({ grader: paths.grader(scoped), reference: paths.solution(scoped), engine: scoped.engine }, root);
    expect(filesToMutate(scoped, Object.keys(inputs))).toEqual(['solutions/03-sql-first/scoped-invoice.ts']);
  });
});

describe("the report made from Stryker's result", () => {
  const source = 'export function f(a: number) {\n  if (a > 1) {\n    return a;\n  }\n  return 0;\n}\n';
  const at = (line: number, column: number, endLine: number, endColumn: number) => ({ start: { line, column }, end: { line: endLine, column: endColumn } });
  const result: StrykerResult = {
    files: {
      'solutions/01-x/ex.ts': {
        source,
        mutants: [
          { mutatorName: 'BlockStatement', replacement: '{}', status: 'Survived', location: at(2, 14, 4, 4) },
          { mutatorName: 'EqualityOperator', replacement: 'a >= 1', status: 'Survived', location: at(2, 7, 2, 12) },
          { mutatorName: 'ConditionalExpression', replacement: 'true', status: 'Killed', location: at(2, 7, 2, 12) },
          { mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Timeout', location: at(2, 7, 2, 12) },
          { mutatorName: 'BooleanLiteral', replacement: 'x', status: 'CompileError', location: at(5, 10, 5, 11) },
          { mutatorName: 'BlockStatement', replacement: '{}', status: 'NoCoverage', location: at(1, 30, 6, 2) },
        ],
      },
    },
  };
  const fp = { inputs: { 'solutions/01-x/ex.ts': 'abc' }, hash: 'a'.repeat(64) };
  const measured = { stryker: '10', typescriptChecker: '6', concurrency: 2, seconds: 1, secondsPerMutant: 0.2, load: 'x' };

  it('counts every status and scores detected over valid mutants, leaving compile errors out', () => {
    const report = buildReport('ex', fp, result, measured);
    expect(report.counts).toEqual({ killed: 1, timeout: 1, survived: 2, noCoverage: 1, compileErrors: 1, runtimeErrors: 0, total: 6 });
    expect(report.score).toBe(40);
    expect(scoreOf({ ...report.counts, killed: 0, timeout: 0, survived: 0, noCoverage: 0 })).toBe(100);
    expect(scoreOf({ ...report.counts, killed: 2, timeout: 0, survived: 1, noCoverage: 0 })).toBe(66.6);
  });

  it('lists each survivor in source order with its place, mutator and the text it replaced, on one line', () => {
    const { survivors } = buildReport('ex', fp, result, measured);
    expect(survivors.map((s) => [s.line, s.column, s.mutator, s.status, s.original, s.replacement, s.equivalent])).toEqual([
      [1, 30, 'BlockStatement', 'NoCoverage', '{ if (a > 1) { return a; } return 0; }', '{}', null],
      [2, 7, 'EqualityOperator', 'Survived', 'a > 1', 'a >= 1', null],
      [2, 14, 'BlockStatement', 'Survived', '{ return a; }', '{}', null],
    ]);
    expect(oneLine('x'.repeat(200))).toHaveLength(160);
  });

  it('writes the same report whatever order Stryker lists mutants in', () => {
    const shuffled: StrykerResult = { files: { 'solutions/01-x/ex.ts': { source, mutants: [...result.files['solutions/01-x/ex.ts']!.mutants].reverse() } } };
    expect(JSON.stringify(buildReport('ex', fp, shuffled, measured))).toBe(JSON.stringify(buildReport('ex', fp, result, measured)));
  });

  it('keeps the reason written for an equivalent mutant when the mutant moves to another line', () => {
    const explained = buildReport('ex', fp, result, measured);
    explained.survivors[1]!.equivalent = 'a is an integer id here, so > 1 and >= 2 agree';
    const moved: StrykerResult = {
      files: { 'solutions/01-x/ex.ts': { source: `// a comment above\n${source}`, mutants: [{ mutatorName: 'EqualityOperator', replacement: 'a >= 1', status: 'Survived', location: at(3, 7, 3, 12) }] } },
    };
    expect(buildReport('ex', fp, moved, measured, explained).survivors).toMatchObject([{ line: 3, equivalent: 'a is an integer id here, so > 1 and >= 2 agree' }]);
  });

  it('matches identical mutations to their reasons in source order, and a new mutation starts unexplained', () => {
    const s = (line: number, equivalent: string | null): Survivor => ({ file: 'f.ts', line, column: 1, mutator: 'StringLiteral', status: 'Survived', original: "''", replacement: '"x"', equivalent });
    expect(carryOverReasons([s(1, null), s(9, null), s(12, null)], [s(1, 'first of two identical'), s(5, 'second of two identical')]).map((x) => x.equivalent)).toEqual([
      'first of two identical',
      'second of two identical',
      null,
    ]);
  });
});

describe('the Stryker and vitest settings', () => {
  const options = strykerOptions(['solutions/01-shape-of-a-service/greet.ts'], { concurrency: 2, checkerPlugin: '/x/checker.js', interactive: false });

  it('never limits tests with testFiles (static mutants would survive silently) and mutates only a private copy', () => {
    expect(options).not.toHaveProperty('testFiles');
    expect(options).toMatchObject({ inPlace: true, coverageAnalysis: 'perTest', checkers: ['typescript'], concurrency: 2, testRunner: 'vitest' });
    expect(options.plugins).toContain('/x/checker.js');
  });

  it('grades an exercise that moves the time zone in forked processes, the others in worker threads', () => {
    const settings = { concurrency: 1, checkerPlugin: '/x/checker.js', interactive: false };
    expect(strykerOptions([], settings, { dates: true }).vitest).toMatchObject({ pool: 'forks' });
    expect(strykerOptions([], settings, {}).vitest).not.toHaveProperty('pool');
  });

  it("runs exactly the named grader, with @exercise pointing at the references", async () => {
    vi.stubEnv('MUTANTS_GRADER', 'test/02-routing/router.test.ts');
    vi.resetModules();
    const { default: config } = await import('../../src/mutants/vitest.config.ts');
    vi.unstubAllEnvs();
    const all = config.test!.projects as { test: { include: string[]; exclude?: string[] }; resolve: { alias: { find: unknown; replacement: string }[] } }[];
    // The references' threads and time-zone projects both get the one include; each excludes the
    // other's graders, so exactly one of them runs it.
    const projects = all.filter((p) => !(p.test.exclude ?? []).includes('test/02-routing/router.test.ts'));
    expect(projects).toHaveLength(1);
    expect(projects[0]!.test.include).toEqual(['test/02-routing/router.test.ts']);
    const exerciseAlias = projects[0]!.resolve.alias.find((a) => String(a.find).includes('@exercise'));
    expect(exerciseAlias?.replacement).toBe(`${join(root, 'solutions')}/$1.ts`);
  });
});

describe('the private copy Stryker mutates', () => {
  it('holds the working tree without .git or node_modules, links node_modules, and disappears when removed', () => {
    const repo = scratch({ 'solutions/a.ts': 'x', '.git/HEAD': 'ref', 'node_modules/pkg/index.js': '', 'src/mutants/typescript-checker/node_modules/ts/x.js': '' });
    const parent = scratch({});
    const workspace = createWorkspace(repo, parent);
    expect(readFileSync(join(workspace.dir, 'solutions/a.ts'), 'utf8')).toBe('x');
    expect(existsSync(join(workspace.dir, '.git'))).toBe(false);
    expect(existsSync(join(workspace.dir, 'src/mutants/typescript-checker/node_modules'))).toBe(false);
    expect(lstatSync(join(workspace.dir, 'node_modules')).isSymbolicLink()).toBe(true);
    workspace.remove();
    expect(existsSync(workspace.dir)).toBe(false);
  });

  it("a copy left by a killed run is removed by the next one; a live run's copy is not", () => {
    const parent = scratch({
      'djts-mutants-dead/.mutants-owner-pid': '2147483646',
      'djts-mutants-live/.mutants-owner-pid': String(process.pid),
      'unrelated/file': '',
    });
    expect(removeAbandonedWorkspaces(parent)).toEqual([join(parent, 'djts-mutants-dead')]);
    expect(existsSync(join(parent, 'djts-mutants-live'))).toBe(true);
    expect(existsSync(join(parent, 'unrelated'))).toBe(true);
  });
});
