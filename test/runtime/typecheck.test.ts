import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { parseTscOutput } from '../../src/workbook/grading/tsc.ts';
import { TscFailed, typecheckExercises, typecheckFiles } from '../../src/workbook/grading/typecheck.ts';

const repo = resolve(import.meta.dirname, '../..');
const byName = (name: string) => exercises.find((e) => e.name === name)!;
const greet = byName('greet');
const invoiceDetail = byName('invoice-detail');

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A repository of our own to break: the real config, package.json (its
 * `#lib/*` imports) and node_modules, plus copies of just the files a test
 * needs, so nothing in the working tree is touched.
 */
function fakeRepo(files: Record<string, string>, { withNodeModules = true } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'typecheck-test-'));
  scratch.push(root);
  for (const f of ['tsconfig.json', 'package.json']) cpSync(join(repo, f), join(root, f));
  if (withNodeModules) symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const reference = (path: string) => readFileSync(join(repo, path), 'utf8');

describe('type errors in an exercise', () => {
  it('reports the learner\'s TS2322 at its file and line', async () => {
    // The trial that started this: a wrong annotation that every greet test still passed.
    const broken = reference(paths.solution(greet)).replace(
      /const name = raw\?\.trim\(\) \?\? '';/,
      "const name: number = new URL(request.url).searchParams.get('name')!.trim();",
    );
    expect(broken).toContain('const name: number');
    const line = broken.split('\n').findIndex((l) => l.includes('const name: number')) + 1;
    const root = fakeRepo({ [paths.starter(greet)]: broken });

    const result = (await typecheckExercises([greet], { root })).get('greet')!;

    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ file: paths.starter(greet), line, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." });
    expect(result.ms).toBeGreaterThan(0);
  });

  it('does not blame the exercise for an error in src/ it imports, or in its grader', async () => {
    const root = fakeRepo({
      [paths.starter(invoiceDetail)]: reference(paths.solution(invoiceDetail)),
      'src/lib/db.ts': `${reference('src/lib/db.ts')}\nexport const notTheLearners: string = 42;\n`,
      [paths.grader(greet)]: 'const alsoNotTheLearners: number = "x";\n',
      [paths.starter(greet)]: reference(paths.solution(greet)),
    });

    // tsc does see the error in src/ (through invoice-detail's `#lib/db` import) …
    const all = await typecheckFiles([paths.starter(invoiceDetail), paths.starter(greet), paths.grader(greet)], { root });
    expect(all.map((d) => d.file)).toEqual(['src/lib/db.ts', paths.grader(greet)]);

    // … but neither it nor the grader's counts against an exercise.
    const results = await typecheckExercises([invoiceDetail, greet], { root });
    expect(results.get('invoice-detail')).toMatchObject({ ok: true, problems: [] });
    expect(results.get('greet')).toMatchObject({ ok: true, problems: [] });
  });

  it('names a missing exercise file and still checks the others of the batch', async () => {
    const root = fakeRepo({ [paths.starter(greet)]: 'export const answer: string = 42;\n' });

    const results = await typecheckExercises([invoiceDetail, greet], { root });

    expect(results.get('invoice-detail')?.problems).toEqual([
      expect.objectContaining({ file: paths.starter(invoiceDetail), code: 'TS6053' }),
    ]);
    expect(results.get('greet')?.problems).toEqual([expect.objectContaining({ file: paths.starter(greet), line: 1, code: 'TS2322' })]);
  });

  it('rejects, blaming no exercise, when tsc cannot check the program at all', async () => {
    // No node_modules: `types: ["node"]` cannot be found, an error with no file.
    const root = fakeRepo({ [paths.starter(greet)]: reference(paths.solution(greet)) }, { withNodeModules: false });
    await expect(typecheckExercises([greet], { root })).rejects.toThrow(TscFailed);
  });
});

describe('the references', () => {
  it('every reference type-checks', async () => {
    const results = await typecheckExercises(exercises, { root: repo, dir: 'solutions' });
    expect([...results.keys()]).toEqual(exercises.map((e) => e.name));
    const failing = [...results].filter(([, r]) => !r.ok).map(([name, r]) => `${name}: ${JSON.stringify(r.problems[0])}`);
    expect(failing).toEqual([]);
  });
});

describe("reading tsc's --pretty false output", () => {
  it('keeps a message chain with its diagnostic and separates errors that have no file', () => {
    const output = [
      "exercises/a/x.ts(2,7): error TS2322: Type '{ a: string; }' is not assignable to type '{ a: number; }'.",
      "  The types of 'a' are incompatible between these types.",
      "    Type 'string' is not assignable to type 'number'.",
      "/elsewhere/y.ts(4,3): error TS2304: Cannot find name 'z'.",
      "error TS2688: Cannot find type definition file for 'node'.",
      '  The file is in the program because:',
      '',
    ].join('\n');

    expect(parseTscOutput(output, '/repo')).toEqual([
      {
        file: 'exercises/a/x.ts', line: 2, column: 7, code: 'TS2322',
        message: "Type '{ a: string; }' is not assignable to type '{ a: number; }'.\nThe types of 'a' are incompatible between these types.\nType 'string' is not assignable to type 'number'.",
      },
      { file: '../elsewhere/y.ts', line: 4, column: 3, code: 'TS2304', message: "Cannot find name 'z'." },
      { line: 0, column: 0, code: 'TS2688', message: "Cannot find type definition file for 'node'.\nThe file is in the program because:" },
    ]);
  });
});
