/**
 * The browser runner's build (src/browser-runner/build.ts, build-graders.ts),
 * in Node only: the files and index.json it writes, and a grader that needs
 * Node failing the build with its exercise named — never a reader's tab.
 * Grading itself is tested in Chromium by browser-grade.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraderFiles } from '../../src/browser-runner/build-graders.ts';
import { buildRunner } from '../../src/browser-runner/build.ts';
import type { RunnerIndex } from '../../src/browser-runner/contract.ts';
import { exercises, paths } from '../../src/curriculum.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-build-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const byName = (name: string) => exercises.find((e) => e.name === name)!;

describe('buildRunner', () => {
  it('writes the worker, one grader per browser exercise, the references and an index whose version follows the content', async () => {
    const dir = tempDir();
    const built = await buildRunner(dir);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as RunnerIndex;
    const expected = exercises.filter((e) => e.browser === 'grades').map((e) => e.name);
    expect(Object.keys(index.exercises)).toEqual(expected);
    expect(built).toEqual(index);
    expect(existsSync(join(dir, index.worker))).toBe(true);
    for (const [name, entry] of Object.entries(index.exercises)) {
      expect(existsSync(join(dir, entry.grader)), entry.grader).toBe(true);
      expect(readFileSync(join(dir, entry.reference), 'utf8')).toBe(readFileSync(paths.solution(byName(name)), 'utf8'));
      expect(entry.starterPath).toBe(paths.starter(byName(name)));
    }
    // Content-hashed names: a second build of the same sources is the same runner.
    const again = await buildRunner(tempDir());
    expect(again.version).toBe(index.version);
    expect(again.worker).toBe(index.worker);
  }, 60_000);

  it('fails, naming the exercise, when a grader needs Node (a module mock of node:crypto)', async () => {
    const nodeOnly = [byName('bearer-auth')];
    const failure = await buildGraderFiles(tempDir(), { exercises: nodeOnly }).then(
      () => 'built',
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/^browser graders do not bundle:/);
    expect(failure).toMatch(/^bearer-auth \(test\/04-middleware\/bearer-auth\.test\.ts\): .*node:crypto/m);
  }, 60_000);
});
