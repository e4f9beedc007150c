/**
 * Watch mode with the PGlite host (src/workbook/testing/pglite-host.ts),
 * end to end: a real `vitest watch` in a temp directory, two graders that
 * share one fixture and one host, and an exercise edited between runs.
 * Keeping Postgres warm must never grade stale code or let one grader's
 * database changes reach another, whether the graders run in worker threads
 * or one in a forked process (the pool of graders that move the time zone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { GradingEvent } from '../../src/workbook/grading/events.ts';
import { reporter, vitestBin } from '../../src/workbook/grading/run-vitest.ts';

const repo = resolve(import.meta.dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** An exercise whose answer comes from the database, so the re-run must reach Postgres with the new code. */
const exercise = (answer: string) => `export async function answer(db: { query(text: string): Promise<{ rows: any[] }> }) {
  return (await db.query("SELECT '${answer}' AS answer")).rows[0].answer;
}
`;

/**
 * Each grader installs a table in beforeAll (as create-with-items installs a
 * trigger) and checks that the other's is absent; `pool` is where it must run.
 */
const grader = (me: string, other: string, pool: 'threads' | 'forks' = 'threads') => `import { beforeAll, expect, inject, it } from 'vitest';
import { useDatabase } from ${JSON.stringify(join(repo, 'src/workbook/testing/database.ts'))};
import { hostStats } from ${JSON.stringify(join(repo, 'src/workbook/testing/pglite-client.ts'))};
import { billing } from ${JSON.stringify(join(repo, 'test/fixtures/billing.ts'))};
import { insertUsers } from ${JSON.stringify(join(repo, 'test/fixtures/schema.ts'))};
import { answer } from './exercise.ts';

const db = useDatabase('${me}', billing);
beforeAll(async () => {
  await db.direct.query('CREATE TABLE installed_by_${me} (id int)');
  await db.direct.query(insertUsers([{ id: null, username: '${me}' }]));
});

it('has its database on the host thread, not in this worker', async () => {
  expect((await hostStats(inject('workbookPgliteHost')!)).inUse).toBe(1);
});

it('runs in ${pool}', () => {
  expect(process.pid === inject('workbookPgliteHost')!.pid ? 'threads' : 'forks').toBe('${pool}');
});

it('sees nothing the other grader installed', async () => {
  expect((await db.direct.query("SELECT to_regclass('installed_by_${other}') AS t")).rows[0].t).toBeNull();
  expect((await db.direct.query('SELECT username FROM auth_user ORDER BY id')).rows.map((r) => r.username)).toEqual(['alice', 'bob']);
});

it('grades the exercise as it is on disk', async () => {
  expect(await answer(db.pool)).toBe('v1');
});
`;

function startWatch(dir: string) {
  const child: ChildProcess = spawn(process.execPath, [vitestBin, 'watch', '--config', join(dir, 'vitest.config.mjs'), '--reporter', reporter], {
    cwd: dir,
    env: { ...process.env, WORKBOOK_DB: 'pglite', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  cleanups.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c).slice(-4000)));
  let modules: Extract<GradingEvent, { type: 'module-end' }>[] = [];
  let waiting: ((m: typeof modules) => void) | undefined;
  child.on('message', (event: GradingEvent) => {
    if (event.type === 'module-end') modules.push(event);
    if (event.type === 'run-end' && waiting) {
      waiting(modules);
      modules = [];
    }
  });
  /** The results of the next run, per grader: "passed", or the failures' messages. */
  const nextRun = () =>
    new Promise<Record<string, string>>((resolveRun, reject) => {
      const timer = setTimeout(() => reject(new Error(`no vitest run within 20 s:\n${output}`)), 20_000);
      waiting = (done) => {
        clearTimeout(timer);
        waiting = undefined;
        const byFile = (m: (typeof done)[number]) => {
          const failures = [...m.moduleErrors.map((e) => e.message), ...m.tests.filter((t) => t.state !== 'passed').map((t) => `${t.name}: ${t.failure?.message}`)];
          return failures.length ? failures.join('; ') : 'passed';
        };
        resolveRun(Object.fromEntries(done.map((m) => [m.file, byFile(m)])));
      };
    });
  return nextRun;
}

const host = join(repo, 'src/workbook/testing/pglite-host.ts');

function workspace(config: object) {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-watch-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: ${JSON.stringify(config)} };\n`);
  writeFileSync(join(dir, 'exercise.ts'), exercise('v1'));
  return dir;
}

/** Both graders pass, then fail on an edit that changes the answer, then pass again: each run grades the code on disk. */
async function expectFreshGrades(nextRun: () => Promise<Record<string, string>>, dir: string) {
  expect(await nextRun()).toEqual({ 'a.test.ts': 'passed', 'b.test.ts': 'passed' });

  const rerun = nextRun();
  writeFileSync(join(dir, 'exercise.ts'), exercise('v2'));
  const edited = await rerun;
  // Both graders ran again (their beforeAll re-created their tables without
  // "already exists") and both graded the new code.
  expect(Object.keys(edited).sort()).toEqual(['a.test.ts', 'b.test.ts']);
  for (const result of Object.values(edited)) expect(result).toMatch(/^grades the exercise as it is on disk: expected 'v2' to be 'v1'/);

  const fixed = nextRun();
  writeFileSync(join(dir, 'exercise.ts'), exercise('v1'));
  expect(await fixed).toEqual({ 'a.test.ts': 'passed', 'b.test.ts': 'passed' });
}

it('re-grades an edited exercise with its new code, and no grader sees what another installed', async () => {
  const dir = workspace({
    root: '.',
    include: ['*.test.ts'],
    pool: 'threads',
    // One worker: both graders go through the same host, one after the other.
    maxWorkers: 1,
    globalSetup: [host],
  });
  writeFileSync(join(dir, 'a.test.ts'), grader('a', 'b'));
  writeFileSync(join(dir, 'b.test.ts'), grader('b', 'a'));
  await expectFreshGrades(startWatch(dir), dir);
}, 60_000);

it('serves a grader in a forked process from the same host, isolated from the threads\' grader', async () => {
  // The learner's two projects (src/workbook/vitest-projects.ts): threads,
  // and forks for graders that move the time zone, each loading the host.
  // One after the other (groupOrder), so each sees one database in use.
  const side = (name: string, pool: 'threads' | 'forks', file: string, groupOrder: number) => ({
    test: { name, root: '.', include: [file], pool, maxWorkers: 1, sequence: { groupOrder }, globalSetup: [host] },
  });
  const dir = workspace({ projects: [side('threads', 'threads', 'a.test.ts', 0), side('forks', 'forks', 'b.test.ts', 1)] });
  writeFileSync(join(dir, 'a.test.ts'), grader('a', 'b', 'threads'));
  writeFileSync(join(dir, 'b.test.ts'), grader('b', 'a', 'forks'));
  await expectFreshGrades(startWatch(dir), dir);
}, 60_000);
