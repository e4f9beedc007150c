/**
 * The PGlite host seen from another process (vitest's `forks` pool, where
 * graders that move the time zone run): through its socket
 * (src/workbook/testing/pglite-host-socket.ts) a test file gets the same
 * fresh database, isolated from the worker threads' files, and a process
 * that dies frees its database.
 *
 * Most tests here open a session over the socket from this process, by
 * giving the client an address with another pid (what a fork sees); the
 * abandoned-database test uses a real child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billing } from '../fixtures/billing.ts';
import { insertUsers } from '../fixtures/schema.ts';
import { startEngine, type EngineHandle } from '../../src/workbook/testing/engines.ts';
import { hostStats, reachable, startHostedPglite } from '../../src/workbook/testing/pglite-client.ts';
import { onFrames, sendFrame } from '../../src/workbook/testing/pglite-host-frames.ts';
import type { HostAddress } from '../../src/workbook/testing/pglite-host-messages.ts';
import { startHost, type RunningHost } from '../../src/workbook/testing/pglite-host.ts';

// Each test takes 1–3 s alone. verify runs this file beside the graders and
// the site-building runtime tests, and a fresh-clone CI run once took more
// than 30 s for a PGlite restart. The limit only bounds a hang: what is
// under test (a stuck query stopped after 1 s) is asserted, not timed.
const SLOW_MACHINE_MS = 90_000;

let host: RunningHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(() => host.stop());

/** The address as a forked test process receives it: the host is in another process. */
const fromFork = (address: HostAddress): HostAddress => ({ ...address, pid: -1 });
const overSocket = () => startEngine('pglite', billing, { host: fromFork(host.address) });
const inThread = () => startEngine('pglite', billing, { host: host.address });
const one = async (db: EngineHandle, sql: string) => (await db.pool.query(sql)).rows[0];

async function until(check: () => Promise<boolean>, what: string) {
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still waiting after 10 s: ${what}`);
}

/** What a grader or learner code can leave behind in its database. */
async function litter(db: EngineHandle) {
  await db.pool.query('CREATE TABLE leak_probe (id int)');
  await db.pool.query("ALTER DATABASE postgres SET TimeZone = 'Pacific/Kiritimati'");
  await db.pool.query(insertUsers([{ id: null, username: 'carol' }]));
  await db.pool.query('BEGIN');
  await db.pool.query(insertUsers([{ id: null, username: 'dave' }]));
}

async function expectClean(db: EngineHandle) {
  expect(await one(db, "SELECT to_regclass('leak_probe') AS t")).toEqual({ t: null });
  expect(await one(db, 'SELECT count(*)::int AS n FROM pg_db_role_setting')).toEqual({ n: 0 });
  expect(await one(db, 'SELECT count(*)::int AS n FROM auth_user')).toEqual({ n: 2 });
}

describe('PGlite host, from another process (watch mode, forks pool)', () => {
  it('is reachable from another process only through its socket', () => {
    expect(host.address.socket).toEqual(expect.any(String));
    expect(reachable(fromFork(host.address))).toBe(true);
    // A host that could not listen: a fork starts PGlite itself.
    expect(reachable({ ...fromFork(host.address), socket: null })).toBe(false);
    expect(reachable({ ...host.address, socket: null })).toBe(true);
  });

  it('behaves like PGlite in the worker: parameters, SQLSTATE errors, transactions and the per-test reset', async () => {
    const db = await overSocket();
    try {
      expect(await hostStats(fromFork(host.address))).toMatchObject({ inUse: 1 });
      expect(await one(db, 'SELECT 1 + 1 AS two')).toEqual({ two: 2 });
      expect((await db.pool.query('SELECT number FROM billing_invoice WHERE number = $1', ['GLX-001'])).rows).toEqual([{ number: 'GLX-001' }]);
      await expect(db.pool.query('SELECT * FROM nowhere')).rejects.toMatchObject({ code: '42P01' });
      // A result far larger than one socket read arrives whole.
      const { rows } = await db.pool.query("SELECT repeat('x', 200000) AS big, generate_series(1, 20) AS n");
      expect(rows.map((r) => r.big.length)).toEqual(Array(20).fill(200000));
      await db.pool.query(insertUsers([{ id: null, username: 'frank' }]));
      await db.reset();
      expect(await one(db, 'SELECT count(*)::int AS n FROM auth_user')).toEqual({ n: 2 });
    } finally {
      await db.close();
    }
    await until(async () => (await hostStats(host.address)).inUse === 0, 'the closed database to be freed');
  }, SLOW_MACHINE_MS);

  it('gives a forked file and a thread file each a database without what the other left behind', async () => {
    const fork = await overSocket();
    await litter(fork);
    await fork.close();
    const thread = await inThread();
    try {
      await expectClean(thread);
      await litter(thread);
    } finally {
      await thread.close();
    }
    const next = await overSocket();
    try {
      await expectClean(next);
    } finally {
      await next.close();
    }
  }, SLOW_MACHINE_MS);

  it('stops a database stuck in a query that never ends and serves the next forked file', async () => {
    const before = (await hostStats(host.address)).restarts;
    const stuck = await startHostedPglite(fromFork(host.address), billing, 1_000);
    const endless = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';
    await expect(stuck.pool.query(endless)).rejects.toThrow('the database did not answer within 1 s: a query that never ends? PGlite was restarted');
    await stuck.close();
    expect(await hostStats(host.address)).toMatchObject({ inUse: 0, restarts: before + 1 });
    const next = await overSocket();
    try {
      expect(await one(next, 'SELECT count(*)::int AS n FROM billing_invoice')).toEqual({ n: 4 });
    } finally {
      await next.close();
    }
  }, SLOW_MACHINE_MS);

  it('frees the database of a process killed without closing it', async () => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { startHostedPglite } = await import(process.argv[1]);
         const [address, fixture] = JSON.parse(process.argv[2]);
         const db = await startHostedPglite(address, fixture);
         await db.pool.query('SELECT 1');
         console.log('open');
         setInterval(() => {}, 1000); // alive until killed`,
        new URL('../../src/workbook/testing/pglite-client.ts', import.meta.url).href,
        JSON.stringify([host.address, billing]),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => String(c).includes('open') && resolve());
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before opening its database`)));
    });
    expect((await hostStats(host.address)).inUse).toBe(1);
    child.kill('SIGKILL');
    await until(async () => (await hostStats(host.address)).inUse === 0, 'the killed process\'s database to be freed');
  }, SLOW_MACHINE_MS);

  it('removes the socket directories that hosts of ended processes left behind (npm run watch ends vitest with SIGKILL), and its own on stop', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const left = mkdtempSync(join(tmpdir(), `workbook-pglite-${gone}-`));
    const living = mkdtempSync(join(tmpdir(), `workbook-pglite-${process.ppid}-`));
    try {
      const other = await startHost();
      expect(existsSync(left)).toBe(false);
      expect(existsSync(living)).toBe(true);
      expect(existsSync(other.address.socket!)).toBe(true);
      await other.stop();
      expect(existsSync(dirname(other.address.socket!))).toBe(false);
    } finally {
      rmSync(left, { recursive: true, force: true });
      rmSync(living, { recursive: true, force: true });
    }
  });

  it('fails a forked file at once when the host goes away, not at each statement\'s time limit', async () => {
    const other = await startHost();
    const db = await startHostedPglite(fromFork(other.address), billing, 20_000);
    await other.stop();
    const started = Date.now();
    await expect(db.pool.query('SELECT 1')).rejects.toThrow(/PGlite host/);
    expect(Date.now() - started).toBeLessThan(2_000);
    await db.close();
  }, SLOW_MACHINE_MS);
});

describe('frames over a stream', () => {
  it('delivers each message whole and in order, however the bytes are split', () => {
    const messages = [{ op: 'wire', id: 0, bytes: new Uint8Array([1, 2, 3]) }, { op: 'reset', id: 1 }, { op: 'done', id: 2, bytes: new Uint8Array(70_000).fill(7) }];
    const written = new PassThrough();
    for (const m of messages) sendFrame(written as unknown as Socket, m);
    const bytes: Buffer = written.read();
    const stream = new PassThrough();
    const received: unknown[] = [];
    onFrames(stream as unknown as Socket, (m) => received.push(m));
    // One byte, then odd-sized pieces: headers and bodies cut anywhere.
    for (let at = 0, size = 1; at < bytes.length; at += size, size = size * 3 + 1) stream.emit('data', bytes.subarray(at, at + size));
    expect(received).toEqual(messages);
  });
});
