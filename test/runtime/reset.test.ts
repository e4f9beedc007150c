/**
 * `npm run reset` puts the starter back from the committed manifest: no git
 * needed, never the learner's own pushed work, the checkout's line endings
 * kept, the learner's files backed up first, and the progress told the truth.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { CannotReset, restoreStarter } from '../../src/workbook/restore-starter.ts';
import { isUntouched, pristineStarter } from '../../src/workbook/starters.ts';
import { stateFile } from '../../src/workbook/state.ts';
import { runCli } from './run-cli.ts';

const greet = exercises.find((e) => e.name === 'greet')!;
const withSql = exercises.find((e) => (pristineStarter(e)?.length ?? 0) > 1)!;
const starterText = pristineStarter(greet)![0]!.text;
const mine = 'export function handle() { return new Response("mine"); }\n';

// A project copy that is no git repository (a zip download).
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'workbook-reset-'));
  mkdirSync(join(root, dirname(paths.starter(greet))), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
const file = (path: string) => readFileSync(join(root, path), 'utf8');
const backupsOf = (name: string) => readdirSync(join(root, '.workbook', 'backups')).filter((d) => d.startsWith(`${name}.`));

describe('restoring a starter', () => {
  it('works without git: the starter comes back, the learner’s file goes to the backup first', () => {
    writeFileSync(join(root, paths.starter(greet)), mine);
    const restored = restoreStarter(greet, root, new Date('2026-03-04T10:00:00.000Z'));
    expect(file(paths.starter(greet))).toBe(starterText);
    expect(restored.backups).toBe(join(root, '.workbook', 'backups', 'greet.2026-03-04T10-00-00-000Z'));
    expect(readFileSync(join(restored.backups!, 'greet.ts'), 'utf8')).toBe(mine);
    expect(isUntouched(greet, root)).toBe(true);
  });

  it('writes the line endings of a CRLF checkout', () => {
    writeFileSync(join(root, paths.starter(greet)), mine.replace(/\n/g, '\r\n'));
    restoreStarter(greet, root);
    expect(file(paths.starter(greet))).toBe(starterText.replace(/\n/g, '\r\n'));
    expect(isUntouched(greet, root)).toBe(true);
  });

  it('restores every file of the exercise, including a deleted one, and moves a file the starter does not have to the backup', () => {
    const dir = dirname(paths.starter(withSql));
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, paths.starterSql(withSql)), '-- my query\n');
    writeFileSync(join(root, dir, `${withSql.name}.notes.md`), 'notes\n');
    const restored = restoreStarter(withSql, root);
    expect(restored.written.sort()).toEqual(pristineStarter(withSql)!.map((f) => f.path).sort());
    expect(restored.movedAway).toEqual([`${dir}/${withSql.name}.notes.md`]);
    expect(readdirSync(restored.backups!).sort()).toEqual([`${withSql.name}.notes.md`, `${withSql.name}.sql`]);
    expect(isUntouched(withSql, root)).toBe(true);
  });

  it('changes nothing and backs nothing up when the files already are the starter', () => {
    writeFileSync(join(root, paths.starter(greet)), starterText);
    expect(restoreStarter(greet, root)).toEqual({ written: [], movedAway: [], backups: null });
    expect(existsSync(join(root, '.workbook'))).toBe(false);
  });

  it('refuses, changing nothing, when the backup cannot be made (.workbook is a file)', () => {
    writeFileSync(join(root, '.workbook'), '');
    writeFileSync(join(root, paths.starter(greet)), mine);
    expect(() => restoreStarter(greet, root)).toThrow(CannotReset);
    expect(() => restoreStarter(greet, root)).toThrow(/\.workbook is a file.*Nothing was changed/);
    expect(file(paths.starter(greet))).toBe(mine);
  });
});

describe('npm run reset', () => {
  const run = (...args: string[]) => runCli('reset.ts', args, root);

  it('takes the name in any case, says where the backup is, and keeps the history while clearing the current solve', () => {
    writeFileSync(join(root, paths.starter(greet)), mine);
    mkdirSync(dirname(stateFile(root)), { recursive: true });
    const history = { hintsShown: 2, attempts: 3, firstAttemptAt: '2026-03-02T09:00:00.000Z', firstSolvedAt: '2026-03-02T09:30:00.000Z', attemptsToFirstSolve: 3, solvedAt: '2026-03-02T09:30:00.000Z' };
    writeFileSync(stateFile(root), JSON.stringify({ version: 2, exercises: { greet: history } }));
    const out = run('GREET');
    expect(out).toContain(`Restored ${paths.starter(greet)} to the starter.`);
    expect(out).toMatch(/Your previous version is kept in \.workbook\/backups\/greet\.[0-9TZ-]+\//);
    expect(backupsOf('greet')).toHaveLength(1);
    const { solvedAt: _, ...kept } = history;
    expect(JSON.parse(readFileSync(stateFile(root), 'utf8')).exercises.greet).toEqual(kept);
  });
});
