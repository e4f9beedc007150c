/**
 * The Python/PostgreSQL side verify's Django stage stands on
 * (src/lib-dev/): what it says when the venv or the server is missing, the
 * venv's check against the lock file's pins, the versions file every chapter
 * shows, and the throwaway cluster that must be gone afterwards whatever
 * happened. Needs what `sudo bash scripts/setup-system.sh` installs
 * (postgresql, .venv), as the Django stage does.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareExecutedWith, differsOnlyByMachine, executedWith, EXECUTED_WITH_FILE, REFRESH_EXECUTED_WITH, writeExecutedWith } from '../../src/lib-dev/executed-with.ts';
import { findPostgres, startPostgres, withPostgres, type LocalPostgres } from '../../src/lib-dev/postgres.ts';
import { LOCK_FILE, projectPython, SETUP, venvPython } from '../../src/lib-dev/python.ts';
import { missingForDjango } from '../../src/verify/checks/django.ts';

const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'django-side-'));
  dirs.push(dir);
  return dir;
}
/** A scratch checkout whose .venv is the real one and whose lock file says `lock`. */
function withLock(lock: string): string {
  const dir = scratch();
  mkdirSync(join(dir, 'test/django'), { recursive: true });
  writeFileSync(join(dir, LOCK_FILE), lock);
  symlinkSync(join(root, '.venv'), join(dir, '.venv'));
  return dir;
}
const oneLine = (s: string) => expect(s).not.toContain('\n');

describe('the project virtualenv', () => {
  it('is found and matches the committed lock file', () => {
    const side = projectPython();
    if ('missing' in side) throw new Error(side.missing);
    expect(side.python).toBe(venvPython(root));
    expect(side.django).toMatch(/^5\.2\.\d+$/);
    expect(readFileSync(join(root, LOCK_FILE), 'utf8')).toContain(`django==${side.django} `);
  });

  it('missing: one line naming the set-up command and the plain pip alternative', () => {
    const side = projectPython({ root: scratch() });
    expect(side).toHaveProperty('missing');
    const { missing } = side as { missing: string };
    oneLine(missing);
    expect(missing).toContain(`\`${SETUP}\``);
    expect(missing).toContain(`pip install --require-hashes -r ${LOCK_FILE}`);
  });

  it('made from another lock: names the package, the installed version and the pinned one', () => {
    const side = projectPython({ root: withLock('django==4.2.1 \\\n    --hash=sha256:00\nnot-installed-anywhere==1.0\n') });
    const { missing } = side as { missing: string };
    oneLine(missing);
    expect(missing).toMatch(/django 5\.2\.\d+ \(lock: 4\.2\.1\)/);
    expect(missing).toContain('not-installed-anywhere missing (lock: 1.0)');
    expect(missing).toContain(`\`${SETUP}\``);
  });

  it('a lock file without pins is refused rather than trusted', () => {
    expect(projectPython({ root: withLock('# nothing\n') })).toEqual({ missing: expect.stringContaining('pins nothing') });
  });
});

describe('finding a PostgreSQL server', () => {
  it('prefers the newest Debian version, else a bin dir on PATH', () => {
    const debian = scratch();
    for (const v of ['13', '15']) mkdirSync(join(debian, v, 'bin'), { recursive: true });
    for (const v of ['13', '15']) writeFileSync(join(debian, v, 'bin/initdb'), '');
    expect(findPostgres({ debianRoot: debian, pgConfig: null, path: '' })).toEqual({ bin: join(debian, '15', 'bin') });
    const onPath = scratch();
    writeFileSync(join(onPath, 'initdb'), '');
    writeFileSync(join(onPath, 'postgres'), '');
    expect(findPostgres({ debianRoot: scratch(), pgConfig: null, path: `/nowhere:${onPath}` })).toEqual({ bin: onPath });
  });

  it('missing: one line naming the set-up command', () => {
    const found = findPostgres({ debianRoot: scratch(), pgConfig: null, path: '' });
    const { missing } = found as { missing: string };
    oneLine(missing);
    expect(missing).toContain(`\`${SETUP}\``);
  });
});

describe("the Django stage's missing-tool line", () => {
  const venv = { python: '/x', django: '5.2.19', pythonVersion: '3.11.2' };
  const noServer = findPostgres({ debianRoot: '/nonexistent', pgConfig: null, path: '' });

  it('is null when both are there', () => {
    expect(missingForDjango(venv, { bin: '/usr/lib/postgresql/15/bin' })).toBeNull();
  });

  it('names what is missing, once, with the command that installs it', () => {
    const noPg = missingForDjango(venv, noServer)!;
    oneLine(noPg);
    expect(noPg).toContain(`\`${SETUP}\``);
    const noVenv = missingForDjango(projectPython({ root: scratch() }), { bin: '/usr/lib/postgresql/15/bin' })!;
    oneLine(noVenv);
    expect(noVenv).toContain('no project virtualenv');
    const neither = missingForDjango({ missing: 'no venv' }, noServer)!;
    oneLine(neither);
    expect(neither).toMatch(/no project virtualenv and no PostgreSQL server: run `sudo bash scripts\/setup-system\.sh`/);
  });
});

describe(EXECUTED_WITH_FILE, () => {
  const run = executedWith({ django: '5.2.19', pythonVersion: '3.11.2', postgresMajor: '15', nodeVersion: 'v24.21.0' });

  it('keeps Django exact, Python and Node as major.minor, PostgreSQL as major', () => {
    expect(run).toEqual({ django: '5.2.19', python: '3.11', postgresql: '15', node: '24.21' });
  });

  it('agrees after it is written from a run', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'content'));
    writeExecutedWith(run, dir);
    expect(compareExecutedWith(run, dir)).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, EXECUTED_WITH_FILE), 'utf8'))).toEqual(run);
  });

  it('a different version fails, naming old → new and the refresh command', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'content'));
    writeExecutedWith({ ...run, django: '5.2.18', postgresql: '16' }, dir);
    const message = compareExecutedWith(run, dir)!;
    oneLine(message);
    expect(message).toContain('Django 5.2.18 → 5.2.19');
    expect(message).toContain('PostgreSQL 16 → 15');
    expect(message).not.toContain('Python');
    expect(message).toContain(`\`${REFRESH_EXECUTED_WITH}\``);
  });

  it('only Python, PostgreSQL or Node differing is the machine, not a stale file; Django differing is', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'content'));
    writeExecutedWith({ ...run, node: '24.22', python: '3.12', postgresql: '16' }, dir);
    expect(differsOnlyByMachine(run, dir)).toBe(true);
    writeExecutedWith({ ...run, django: '5.2.18' }, dir);
    expect(differsOnlyByMachine(run, dir)).toBe(false);
    writeFileSync(join(dir, EXECUTED_WITH_FILE), JSON.stringify({ ...run, typedBy: 'hand' }));
    expect(differsOnlyByMachine(run, dir)).toBe(false);
    rmSync(join(dir, EXECUTED_WITH_FILE));
    expect(differsOnlyByMachine(run, dir)).toBe(false);
  });

  it('a missing or hand-edited file fails too', () => {
    const dir = scratch();
    expect(compareExecutedWith(run, dir)).toContain('is missing');
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, EXECUTED_WITH_FILE), JSON.stringify({ ...run, typedBy: 'hand' }));
    expect(compareExecutedWith(run, dir)).toContain('unknown key "typedBy"');
  });

  it('the committed file names a real Django 5.2 release', () => {
    const committed = JSON.parse(readFileSync(join(root, EXECUTED_WITH_FILE), 'utf8'));
    expect(committed.django).toMatch(/^5\.2\.\d+$/);
  });
});

describe('the throwaway PostgreSQL cluster', () => {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const tcpRefused = (port: number) =>
    new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(false)));
      socket.once('error', () => done(true));
    });

  it('answers on its unix socket only, and is stopped and deleted when the work throws', { timeout: 60_000 }, async () => {
    let seen: LocalPostgres | undefined;
    const stopped: number[] = [];
    const work = withPostgres(
      async (pg) => {
        seen = pg;
        const { default: pgLib } = await import('pg');
        const client = new pgLib.Client({ host: pg.socketDir, port: pg.port, user: pg.user, database: 'postgres' });
        await client.connect();
        const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
        await client.end();
        expect(rows[0]!.v.split('.')[0]).toBe(pg.major);
        expect(pg.host).toBeNull();
        expect(await tcpRefused(pg.port)).toBe(true);
        expect(existsSync(pg.dataDir)).toBe(true);
        throw new Error('a failing step');
      },
      { name: 'djts-runtime-pg' },
      { stopped: (ms) => stopped.push(ms) },
    );
    await expect(work).rejects.toThrow('a failing step');
    expect(seen).toBeDefined();
    expect(stopped).toHaveLength(1);
    expect(existsSync(seen!.dataDir)).toBe(false);
    expect(existsSync(seen!.socketDir)).toBe(false);
    expect(alive(seen!.pid)).toBe(false);
  });

  it('a server that dies while starting fails at once, naming why, and leaves no temp dir', { timeout: 30_000 }, async () => {
    const name = `djts-runtime-bad-${process.pid}`;
    const t0 = Date.now();
    await expect(startPostgres({ name, settings: { shared_buffers: 'plenty' } })).rejects.toThrow(/exited with code \d+ before accepting connections[\s\S]*shared_buffers/);
    expect(Date.now() - t0).toBeLessThan(10_000); // not the 15 s poll timeout
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith(name))).toEqual([]);
  });
});
