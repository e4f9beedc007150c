import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { start, type Options, type Running } from '@exercise/14-running-it/graceful-shutdown';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { ClosedBeforeResponse, Conn, destroyAll, refusedWithin, type RawResponse } from './client.ts';

const root = resolve(import.meta.dirname, '../..');
const SECRET = 'Sup3r-secret-pw';
const CONNECTION_STRING = `postgres://invoices:${SECRET}@db.internal:5432/invoices`;

// ------------------------------------------------------------------ in-process harness

interface LogCall {
  level: 'info' | 'warn' | 'error';
  args: unknown[];
}

interface Booted {
  running: Running;
  port: number;
  signals: EventEmitter;
  /** What happened, in order: signal, finish:<id>, pool.end, pool.ended, exit:<code>, log.<level>. */
  timeline: string[];
  logs: LogCall[];
  exits: number[];
  /** Resolves with the first exit code. */
  exited: Promise<number>;
  /** Ids the app was called with, in order. */
  seen: string[];
  pool: { ended: boolean; endCalls: number };
  signal(name: 'SIGTERM' | 'SIGINT'): void;
}

const booted: Booted[] = [];
const hung = new Set<ServerResponse>();

interface BootOptions {
  deadlineMs: number;
  readinessDelayMs?: number;
  poolEnd?: () => Promise<void>;
  /** Leave out `exit`: the code must fall back to process.exit (spied on, never really called). */
  processExit?: boolean;
}

const exitSpies: { mockRestore(): void }[] = [];

async function boot(options: BootOptions): Promise<Booted> {
  const timeline: string[] = [];
  const logs: LogCall[] = [];
  const exits: number[] = [];
  const seen: string[] = [];
  const signals = new EventEmitter();
  let onExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  const pool = {
    connectionString: CONNECTION_STRING,
    ended: false,
    endCalls: 0,
    async end() {
      pool.endCalls += 1;
      timeline.push('pool.end');
      pool.ended = true;
      // A real pool waits for its clients to disconnect: exit must wait for this.
      await sleep(40);
      if (options.poolEnd) await options.poolEnd();
      timeline.push('pool.ended');
    },
  };
  const record =
    (level: LogCall['level']) =>
    (...args: unknown[]) => {
      logs.push({ level, args });
      timeline.push(`log.${level}`);
    };
  const app = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://grader');
    const id = url.searchParams.get('id') ?? `${req.method} ${url.pathname}`;
    const ms = Number(url.searchParams.get('ms') ?? 0);
    seen.push(id);
    res.on('finish', () => timeline.push(`finish:${id}`));
    if (url.pathname === '/hang') {
      hung.add(res);
      return;
    }
    if (url.pathname === '/stream') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.write(`${id}:head;`);
      setTimeout(() => res.end(`${id}:tail`), ms);
      return;
    }
    setTimeout(() => {
      // What a handler that queries the database would see.
      const body = JSON.stringify({ id, path: url.pathname, method: req.method, pool: pool.ended ? 'closed' : 'open' });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    }, ms);
  };
  const exit = (code: number) => {
    exits.push(code);
    timeline.push(`exit:${code}`);
    onExit(code);
  };
  if (options.processExit) exitSpies.push(vi.spyOn(process, 'exit').mockImplementation(((code: number) => exit(code)) as typeof process.exit));
  const opts: Options = {
    app,
    pool,
    log: { info: record('info'), warn: record('warn'), error: record('error') },
    deadlineMs: options.deadlineMs,
    signals,
    ...(options.processExit ? {} : { exit }),
    ...(options.readinessDelayMs === undefined ? {} : { readinessDelayMs: options.readinessDelayMs }),
  };
  const running = await start(opts);
  const port = (running.server.address() as AddressInfo).port;
  // Longer than every deadline here: a socket left idle is not closed by the timeout for you.
  running.server.keepAliveTimeout = 30_000;
  const b: Booted = {
    running,
    port,
    signals,
    timeline,
    logs,
    exits,
    exited,
    seen,
    pool,
    signal(name) {
      timeline.push('signal');
      signals.emit(name, name);
    },
  };
  booted.push(b);
  return b;
}

afterEach(async () => {
  for (const spy of exitSpies.splice(0)) spy.mockRestore();
  destroyAll();
  for (const res of hung) res.destroy();
  hung.clear();
  for (const b of booted.splice(0)) {
    b.signals.removeAllListeners();
    b.running.server.closeAllConnections();
    if (b.running.server.listening) await new Promise((resolve) => b.running.server.close(resolve));
  }
});

/** A request that should never be answered: its rejection, handled at once, or its response. */
const outcome = (reply: Promise<RawResponse>): Promise<RawResponse | Error> => reply.catch((error: Error) => error);

const uid = () => randomUUID().slice(0, 13);

async function until(check: () => boolean, what: string, withinMs = 3_000): Promise<void> {
  const end = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

/** Resolves with the exit code, or fails when exit() was not called within `withinMs`. */
async function exitWithin(b: Booted, withinMs: number, what: string): Promise<number> {
  const code = await Promise.race([b.exited, sleep(withinMs, 'late' as const)]);
  if (code === 'late') throw new Error(`exit() was not called within ${withinMs} ms of the signal (${what}); timeline: ${b.timeline.join(', ')}`);
  return code;
}

/** A keep-alive socket that has already served one request. */
async function warmConn(b: Booted): Promise<Conn> {
  const conn = await Conn.open(b.port);
  const id = `warm-${uid()}`;
  const res = await conn.send('GET', `/slow?id=${id}&ms=0`);
  expectJson(res, 200, { id, path: '/slow', method: 'GET', pool: 'open' });
  expect(res.headers.connection ?? 'keep-alive', 'before shutdown, responses keep the connection open').not.toMatch(/close/i);
  return conn;
}

function expectJson(res: RawResponse, status: number, body: unknown): void {
  expect(res.status, `status (body: ${res.body.slice(0, 120)})`).toBe(status);
  expect(res.headers['content-type'], 'content type').toMatch(/^application\/json\s*(;|$)/i);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    throw new Error(`the ${status} body is not JSON: ${JSON.stringify(res.body.slice(0, 120))}`);
  }
  expect(parsed).toEqual(body);
}

function expectConnectionClose(res: RawResponse, what: string): void {
  expect(res.headers.connection, `${what} must say Connection: close while draining, so the client does not send another request on its socket`).toMatch(/^close$/i);
}

/** Every log call is pino-style (fields object, then a message) and holds no secret. */
function expectCleanLogs(b: Booted): void {
  for (const { level, args } of b.logs) {
    const [fields, message] = args;
    expect(typeof fields === 'object' && fields !== null && !Array.isArray(fields), `log.${level}(fields, message): the first argument must be an object of fields, got ${inspect(fields)}`).toBe(true);
    expect(typeof message === 'string' && message.length > 0, `log.${level}(fields, message): the second argument must be a message, got ${inspect(message)}`).toBe(true);
    const shown = inspect(args, { depth: 8, getters: false });
    expect(shown.includes(SECRET), `a log line holds the database password: ${shown.slice(0, 200)}`).toBe(false);
  }
}

const fieldsOf = (call: LogCall) => call.args[0] as Record<string, unknown>;

function expectStartAndEndLogs(b: Booted, signal: string, exitCode: number): void {
  const started = b.logs.filter((l) => l.level === 'info' && fieldsOf(l).signal !== undefined);
  expect(started.map((l) => fieldsOf(l).signal), 'one log.info({ signal }, …) when shutdown starts').toEqual([signal]);
  expect(b.logs[0], 'the first log line is the shutdown starting').toBe(started[0]);
  const ended = b.logs.filter((l) => l.level === 'info' && fieldsOf(l).exitCode !== undefined);
  expect(ended.map((l) => fieldsOf(l).exitCode), 'one log.info({ exitCode }, …) before exit').toEqual([exitCode]);
}

function expectOrder(b: Booted, before: string, after: string): void {
  const i = b.timeline.indexOf(before);
  const j = b.timeline.lastIndexOf(after);
  expect(i, `${before} happened (timeline: ${b.timeline.join(', ')})`).toBeGreaterThanOrEqual(0);
  expect(j, `${after} happened (timeline: ${b.timeline.join(', ')})`).toBeGreaterThanOrEqual(0);
  expect(i < j, `${before} must come before ${after}; timeline: ${b.timeline.join(', ')}`).toBe(true);
}

/** The pool is closed once, after the last response finished, and exit comes after the pool has closed. */
function expectPoolThenExit(b: Booted, ids: string[], exitCode: number): void {
  expect(b.pool.endCalls, 'pool.end() is called exactly once').toBe(1);
  for (const id of ids) expectOrder(b, `finish:${id}`, 'pool.end');
  expectOrder(b, 'pool.ended', `exit:${exitCode}`);
  expect(b.exits, 'exit() is called exactly once').toEqual([exitCode]);
}

function expectListenersRemoved(b: Booted): void {
  expect(b.signals.listenerCount('SIGTERM'), 'the SIGTERM listener is removed once shutdown is done').toBe(0);
  expect(b.signals.listenerCount('SIGINT'), 'the SIGINT listener is removed once shutdown is done').toBe(0);
}

// ------------------------------------------------------------------ the tests

describe('graceful-shutdown', () => {
  it('listens on a free loopback port, answers /healthz and /readyz as JSON, passes everything else to the app and listens for SIGTERM and SIGINT', async () => {
    const b = await boot({ deadlineMs: 5_000 });
    expect(b.running.url).toBe(`http://127.0.0.1:${b.port}`);
    expect(b.running.server.listening).toBe(true);
    expect((b.running.server.address() as AddressInfo).address, 'listens on loopback only by default').toBe('127.0.0.1');
    expect(b.signals.listenerCount('SIGTERM'), 'one SIGTERM listener').toBe(1);
    expect(b.signals.listenerCount('SIGINT'), 'one SIGINT listener').toBe(1);
    const conn = await Conn.open(b.port);
    expectJson(await conn.send('GET', '/healthz'), 200, { status: 'ok' });
    expectJson(await conn.send('GET', '/readyz'), 200, { status: 'ready' });
    for (const [method, path] of [
      ['GET', '/health'],
      ['GET', '/readyz/deep'],
      ['POST', '/healthz'],
      ['DELETE', '/readyz'],
      ['GET', '/invoices/7?page=2'],
    ] as const) {
      const res = await conn.send(method, path);
      expectJson(res, 200, { id: `${method} ${path.split('?')[0]}`, path: path.split('?')[0], method, pool: 'open' });
    }
    expect(b.seen).toEqual(['GET /health', 'GET /readyz/deep', 'POST /healthz', 'DELETE /readyz', 'GET /invoices/7']);
    expect(b.exits, 'nothing exits before a signal').toEqual([]);
    expect(b.logs).toEqual([]);
  });

  it('on SIGTERM: overlapping in-flight requests on keep-alive sockets finish with their full bodies and Connection: close, new connections are refused, idle sockets are closed unserved, then the pool closes once and exit(0)', async () => {
    const b = await boot({ deadlineMs: 8_000 });
    const busy = await Promise.all([0, 1, 2, 3].map(() => warmConn(b)));
    const idle = await warmConn(b);
    const ids = busy.map(() => uid());
    const replies = busy.map((conn, i) => conn.send('GET', `/slow?id=${ids[i]}&ms=${150 + 120 * i}`));
    await until(() => ids.every((id) => b.seen.includes(id)), 'the app received every in-flight request');
    b.signal('SIGTERM');

    expect(await refusedWithin(b.port, 2_000), 'a new connection after SIGTERM is refused').toBe('ECONNREFUSED');
    await idle.closed;
    const servedBefore = b.seen.length;
    await expect(idle.send('GET', `/slow?id=${uid()}&ms=0`), 'an idle keep-alive socket is closed, not served').rejects.toBeInstanceOf(ClosedBeforeResponse);

    for (const [i, reply] of replies.entries()) {
      const res = await reply;
      expectJson(res, 200, { id: ids[i], path: '/slow', method: 'GET', pool: 'open' });
      expectConnectionClose(res, `the in-flight response ${i + 1}`);
    }
    expect(await exitWithin(b, 6_000, 'a clean drain'), 'exit code after a clean drain').toBe(0);
    expect(b.seen.length, 'nothing new reached the app after the signal').toBe(servedBefore);
    for (const conn of busy) await conn.closed;
    expectPoolThenExit(b, ids, 0);
    expectListenersRemoved(b);
    expectStartAndEndLogs(b, 'SIGTERM', 0);
    expect(b.logs.filter((l) => l.level !== 'info'), 'no warning or error after a clean drain').toEqual([]);
    expectCleanLogs(b);
  }, 20_000);

  it('never serves another request on a busy keep-alive socket once its in-flight response is out', async () => {
    const b = await boot({ deadlineMs: 8_000 });
    const conn = await warmConn(b);
    const first = uid();
    const reply = conn.send('GET', `/slow?id=${first}&ms=250`);
    await until(() => b.seen.includes(first), 'the app received the request');
    b.signal('SIGTERM');
    const res = await reply;
    expectJson(res, 200, { id: first, path: '/slow', method: 'GET', pool: 'open' });
    expectConnectionClose(res, 'the in-flight response');
    const next = uid();
    await expect(conn.send('GET', `/slow?id=${next}&ms=0`), 'the next request on that socket is not answered').rejects.toBeInstanceOf(ClosedBeforeResponse);
    expect(b.seen, 'the app never saw the request sent after the drained response').not.toContain(next);
    expect(await exitWithin(b, 6_000, 'a clean drain')).toBe(0);
    expectPoolThenExit(b, [first], 0);
  }, 20_000);

  it('gives Connection: close to in-flight requests whatever their number and timing (generated schedules)', async () => {
    await checkProperty(
      'in-flight requests at SIGTERM',
      fc.array(fc.record({ ms: fc.integer({ min: 0, max: 300 }), warm: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      async (schedule) => {
        const b = await boot({ deadlineMs: 8_000 });
        const conns = await Promise.all(schedule.map((s) => (s.warm ? warmConn(b) : Conn.open(b.port))));
        const ids = schedule.map(() => uid());
        const replies = conns.map((conn, i) => conn.send('GET', `/slow?id=${ids[i]}&ms=${schedule[i]!.ms + 30}`));
        await until(() => ids.every((id) => b.seen.includes(id)), 'the app received every in-flight request');
        b.signal(schedule.length % 2 ? 'SIGTERM' : 'SIGINT');
        for (const [i, reply] of replies.entries()) {
          const res = await reply;
          expectJson(res, 200, { id: ids[i], path: '/slow', method: 'GET', pool: 'open' });
          expectConnectionClose(res, `in-flight response ${i + 1}`);
        }
        const code = await exitWithin(b, 6_000, 'a clean drain');
        if (code !== 0) return `exited with ${code} after a clean drain`;
        expectPoolThenExit(b, ids, 0);
        expectListenersRemoved(b);
        destroyAll();
      },
      { numRuns: 6 },
    );
  }, 60_000);

  it('finishes a streamed response whose head went out before the signal, then closes its socket instead of waiting for the keep-alive timeout', async () => {
    const b = await boot({ deadlineMs: 2_500 });
    const conn = await warmConn(b);
    const id = uid();
    const reply = conn.send('GET', `/stream?id=${id}&ms=300`);
    await until(() => b.seen.includes(id), 'the app started streaming');
    await sleep(50);
    b.signal('SIGTERM');
    const res = await reply;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body, 'the whole streamed body').toBe(`${id}:head;${id}:tail`);
    await conn.closed;
    expect(await exitWithin(b, 5_000, 'a streamed response'), 'exit 0: the drain finished before the deadline (an idle keep-alive socket left open would hold it until the deadline cut it)').toBe(0);
    expectPoolThenExit(b, [id], 0);
    expect(b.logs.filter((l) => l.level === 'warn'), 'nothing was cut').toEqual([]);
  }, 20_000);

  it('turns readiness to 503 at the signal and keeps accepting for readinessDelayMs, with Connection: close, before the listener closes', async () => {
    const b = await boot({ deadlineMs: 12_000, readinessDelayMs: 3_000 });
    const conn = await warmConn(b);
    expectJson(await conn.send('GET', '/readyz'), 200, { status: 'ready' });
    const id = uid();
    const reply = conn.send('GET', `/slow?id=${id}&ms=200`);
    await until(() => b.seen.includes(id), 'the app received the request');
    b.signal('SIGTERM');

    const fresh = await Conn.open(b.port).catch((error: Error) => {
      throw new Error(`a new connection right after the signal failed (${error.message}): keep listening for readinessDelayMs so the load balancer can see the 503 first`);
    });
    const ready = await fresh.send('GET', '/readyz');
    expectJson(ready, 503, { status: 'draining' });
    expectConnectionClose(ready, 'the 503 from /readyz');
    const health = await (await Conn.open(b.port)).send('GET', '/healthz');
    expectJson(health, 200, { status: 'ok' });
    expectConnectionClose(health, 'the /healthz answer while draining');
    const late = uid();
    const served = await (await Conn.open(b.port)).send('GET', `/slow?id=${late}&ms=0`);
    expectJson(served, 200, { id: late, path: '/slow', method: 'GET', pool: 'open' });
    expectConnectionClose(served, 'a request accepted during the readiness delay');
    expect(b.running.server.listening, 'the listener is still open during the readiness delay').toBe(true);

    expectConnectionClose(await reply, 'the in-flight response');
    expect(await refusedWithin(b.port, 9_000), 'after the delay, new connections are refused').toBe('ECONNREFUSED');
    expect(await exitWithin(b, 8_000, 'a clean drain after the delay')).toBe(0);
    expectPoolThenExit(b, [id, late], 0);
    expectStartAndEndLogs(b, 'SIGTERM', 0);
  }, 25_000);

  it('cuts a request that never ends at the deadline, lets the others finish, closes the pool and exits 1 soon after', async () => {
    const deadlineMs = 600;
    const b = await boot({ deadlineMs });
    const hang = await warmConn(b);
    const slow = await warmConn(b);
    const hangId = uid();
    const slowId = uid();
    const never = outcome(hang.send('GET', `/hang?id=${hangId}`));
    const reply = slow.send('GET', `/slow?id=${slowId}&ms=150`);
    await until(() => b.seen.includes(hangId) && b.seen.includes(slowId), 'the app received both requests');
    b.signal('SIGTERM');
    const res = await reply;
    expectJson(res, 200, { id: slowId, path: '/slow', method: 'GET', pool: 'open' });
    expectConnectionClose(res, 'the finished response');
    expect(await refusedWithin(b.port, 2_000)).toBe('ECONNREFUSED');
    expect(await exitWithin(b, deadlineMs + 4_000, 'the deadline must cut the request that never ends'), 'exit code when the deadline cut a request').toBe(1);
    expect(await never, 'the hung request is cut, not answered').toBeInstanceOf(ClosedBeforeResponse);
    expectPoolThenExit(b, [slowId], 1);
    const warned = b.logs.filter((l) => l.level === 'warn');
    expect(warned.map((l) => fieldsOf(l).deadlineMs), 'one log.warn({ deadlineMs }, …) when the deadline cuts').toEqual([deadlineMs]);
    expectOrder(b, 'log.warn', 'pool.end');
    expectStartAndEndLogs(b, 'SIGTERM', 1);
    expectListenersRemoved(b);
    expectCleanLogs(b);
  }, 20_000);

  it('counts the deadline from the signal, readiness delay included: a request still running then is cut', async () => {
    // Timers fire in the order they are due: the deadline (signal + 2.5 s) is due before the slow
    // response (request + 3.5 s), and a deadline started after the 1.5 s delay would be due after it.
    const deadlineMs = 2_500;
    const b = await boot({ deadlineMs, readinessDelayMs: 1_500 });
    const conn = await warmConn(b);
    const id = uid();
    const late = outcome(conn.send('GET', `/slow?id=${id}&ms=${deadlineMs + 1_000}`));
    await until(() => b.seen.includes(id), 'the app received the request');
    b.signal('SIGTERM');
    expect(await exitWithin(b, deadlineMs + 5_000, 'the deadline must cut the slow request'), 'exit code when the deadline cut a request (the deadline is counted from the signal)').toBe(1);
    const res = await late;
    expect(res, `the request still running at the deadline (signal + ${deadlineMs} ms) is cut, not answered`).toBeInstanceOf(ClosedBeforeResponse);
    expect(b.timeline, 'no response finished').not.toContain(`finish:${id}`);
    expectPoolThenExit(b, [], 1);
    expect(b.logs.filter((l) => l.level === 'warn').map((l) => fieldsOf(l).deadlineMs)).toEqual([deadlineMs]);
  }, 20_000);

  it('runs one shutdown however many signals and calls arrive: the same promise, one pool.end(), one exit()', async () => {
    const b = await boot({ deadlineMs: 8_000 });
    const conns = await Promise.all([0, 1].map(() => warmConn(b)));
    const ids = conns.map(() => uid());
    const replies = conns.map((conn, i) => conn.send('GET', `/slow?id=${ids[i]}&ms=${200 + 100 * i}`));
    await until(() => ids.every((id) => b.seen.includes(id)), 'the app received both requests');
    b.signal('SIGTERM');
    b.signal('SIGINT');
    const again = b.running.shutdown('SIGTERM');
    expect(b.running.shutdown('manual'), 'shutdown() returns the same promise every time').toBe(again);
    b.signal('SIGTERM');
    for (const [i, reply] of replies.entries()) expectJson(await reply, 200, { id: ids[i], path: '/slow', method: 'GET', pool: 'open' });
    expect(await exitWithin(b, 6_000, 'a clean drain')).toBe(0);
    await again;
    await sleep(150);
    expectPoolThenExit(b, ids, 0);
    expectListenersRemoved(b);
    expectStartAndEndLogs(b, 'SIGTERM', 0);
    expect(b.signals.emit('SIGTERM', 'SIGTERM'), 'no listener left to run a second shutdown').toBe(false);
  }, 20_000);

  it('clears the deadline timer after a clean drain: nothing is cut or logged later', async () => {
    const deadlineMs = 700;
    const b = await boot({ deadlineMs });
    const conn = await warmConn(b);
    const id = uid();
    const reply = conn.send('GET', `/slow?id=${id}&ms=100`);
    await until(() => b.seen.includes(id), 'the app received the request');
    b.signal('SIGTERM');
    const signalledAt = Date.now();
    expectJson(await reply, 200, { id, path: '/slow', method: 'GET', pool: 'open' });
    expect(await exitWithin(b, deadlineMs + 4_000, 'a clean drain')).toBe(0);
    const logged = b.logs.length;
    await sleep(Math.max(0, signalledAt + deadlineMs + 300 - Date.now()));
    expect(b.logs.slice(logged), 'nothing is logged after exit').toEqual([]);
    expect(b.exits).toEqual([0]);
    expect(b.pool.endCalls).toBe(1);
  }, 20_000);

  it('falls back to process.exit when no exit function is given', async () => {
    const b = await boot({ deadlineMs: 8_000, processExit: true });
    const conn = await warmConn(b);
    const id = uid();
    const reply = conn.send('GET', `/slow?id=${id}&ms=100`);
    await until(() => b.seen.includes(id), 'the app received the request');
    b.signal('SIGTERM');
    expectJson(await reply, 200, { id, path: '/slow', method: 'GET', pool: 'open' });
    expect(await exitWithin(b, 6_000, 'process.exit(0) after a clean drain')).toBe(0);
    expectPoolThenExit(b, [id], 0);
  }, 20_000);

  it('exits 1 with a log.error when pool.end() rejects, still after the last response', async () => {
    const b = await boot({
      deadlineMs: 8_000,
      poolEnd: async () => {
        throw new Error('Connection terminated unexpectedly');
      },
    });
    const conn = await warmConn(b);
    const id = uid();
    const reply = conn.send('GET', `/slow?id=${id}&ms=150`);
    await until(() => b.seen.includes(id), 'the app received the request');
    b.signal('SIGINT');
    expectJson(await reply, 200, { id, path: '/slow', method: 'GET', pool: 'open' });
    expect(await exitWithin(b, 6_000, 'a pool that fails to close'), 'exit code when pool.end() rejected').toBe(1);
    expect(b.pool.endCalls).toBe(1);
    expectOrder(b, `finish:${id}`, 'pool.end');
    expect(b.exits).toEqual([1]);
    expect(b.logs.filter((l) => l.level === 'error'), 'one log.error for the failed pool.end()').toHaveLength(1);
    expectStartAndEndLogs(b, 'SIGINT', 1);
    expectListenersRemoved(b);
    expectCleanLogs(b);
  }, 20_000);
});

// ------------------------------------------------------------------ a real process, a real SIGTERM

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The file the `@exercise/…` alias points at in this vitest project (src/workbook/vitest-projects.ts). */
function fileUnderTest(): string {
  const project = process.env.WORKBOOK_PROJECT ?? '';
  const wrong = /^wrong:(graceful-shutdown\..+)$/.exec(project);
  if (wrong) return resolve(root, `test/14-running-it/wrong/${wrong[1]}.ts`);
  if (project.startsWith('solutions')) return resolve(root, 'solutions/14-running-it/graceful-shutdown.ts');
  if (project.startsWith('exercises') || project.startsWith('starters')) {
    const substitutes = JSON.parse(process.env.WORKBOOK_SUBSTITUTE ?? '{}') as Record<string, string>;
    return substitutes['graceful-shutdown'] ?? resolve(root, 'exercises/14-running-it/graceful-shutdown.ts');
  }
  throw new Error(`the graceful-shutdown grader cannot tell which file the vitest project "${project}" grades`);
}

interface Child {
  proc: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
  raw: string[];
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  children.clear();
});

async function spawnChild(deadlineMs: number): Promise<Child> {
  // StrykerJS picks a mutant through a global in this process; the child needs it in its environment.
  const active = (globalThis as { __stryker__?: { activeMutant?: unknown } }).__stryker__?.activeMutant;
  const proc = spawn(process.execPath, ['--import', tsx, resolve(import.meta.dirname, 'child.ts'), fileUnderTest(), String(deadlineMs)], {
    cwd: root,
    env: { ...process.env, ...(active === undefined ? {} : { __STRYKER_ACTIVE_MUTANT__: String(active) }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  let err = '';
  let partial = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => {
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      raw.push(line);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ notJson: line });
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const listening = (async () => {
    for (;;) {
      const line = lines.find((l) => l.event === 'listening');
      if (line) return new URL(String(line.url)).port;
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`the child process exited before listening: ${err.slice(-600)}`);
      await sleep(10);
    }
  })();
  const port = Number(await Promise.race([listening, sleep(15_000).then(() => Promise.reject(new Error(`the child did not listen within 15 s: ${err.slice(-600)}`)))]));
  return { proc, port, lines, raw, stderr: () => err, exit };
}

async function exitOf(child: Child, withinMs: number) {
  const result = await Promise.race([child.exit, sleep(withinMs, 'late' as const)]);
  if (result === 'late') throw new Error(`the process had not exited ${withinMs} ms after SIGTERM; it printed: ${child.raw.slice(-5).join(' | ')}`);
  return result;
}

function expectStructuredLogs(child: Child): Record<string, unknown>[] {
  const logs = child.lines.filter((l) => l.event === undefined);
  for (const line of logs) {
    expect(line.notJson, `every line on stdout is JSON (pino), got ${JSON.stringify(line.notJson)}`).toBeUndefined();
    expect(typeof line.level === 'number' && typeof line.time === 'number' && typeof line.msg === 'string', `a pino line has level, time and msg: ${JSON.stringify(line)}`).toBe(true);
  }
  expect(child.raw.join('\n'), 'no line holds the database password').not.toContain('Pa55word');
  return logs;
}

describe('graceful-shutdown in a child process with a real SIGTERM', () => {
  it('drains keep-alive requests, refuses new connections, ignores a second SIGTERM and exits 0 with the pool closed once after the last response', async () => {
    const child = await spawnChild(8_000);
    const conns = await Promise.all([0, 1].map(() => Conn.open(child.port)));
    const warm = await conns[0]!.send('GET', `/slow?id=warm-${uid()}&ms=0`);
    expect(warm.status).toBe(200);
    const ids = conns.map(() => uid());
    const replies = conns.map((conn, i) => conn.send('GET', `/slow?id=${ids[i]}&ms=${400 + 200 * i}`));
    await until(() => ids.every((id) => child.lines.some((l) => l.event === 'request' && l.id === id)), 'the child received both requests', 10_000);
    child.proc.kill('SIGTERM');
    expect(await refusedWithin(child.port, 3_000)).toBe('ECONNREFUSED');
    child.proc.kill('SIGTERM');
    for (const [i, reply] of replies.entries()) {
      const res = await reply;
      expectJson(res, 200, { id: ids[i], pool: 'open' });
      expectConnectionClose(res, `in-flight response ${i + 1}`);
    }
    const { code, signal } = await exitOf(child, 10_000);
    expect(signal, 'the process exits by itself, not killed by the second SIGTERM').toBeNull();
    expect(code, `exit code after a clean drain (stderr: ${child.stderr().slice(-300)})`).toBe(0);
    const poolEnds = child.lines.filter((l) => l.event === 'pool.end');
    expect(poolEnds, 'pool.end() ran once').toHaveLength(1);
    const lastResponse = Math.max(...ids.map((id) => child.lines.findIndex((l) => l.event === 'response' && l.id === id)));
    expect(child.lines.indexOf(poolEnds[0]!), 'pool.end() after the last response').toBeGreaterThan(lastResponse);
    const logs = expectStructuredLogs(child);
    expect(logs.filter((l) => l.signal !== undefined).map((l) => l.signal), 'one "shutdown started" line').toEqual(['SIGTERM']);
    expect(logs.filter((l) => l.exitCode !== undefined).map((l) => l.exitCode)).toEqual([0]);
  }, 40_000);

  it('cuts a request that never ends at the deadline and exits 1', async () => {
    const deadlineMs = 700;
    const child = await spawnChild(deadlineMs);
    const conn = await Conn.open(child.port);
    const id = uid();
    const never = outcome(conn.send('GET', `/hang?id=${id}`));
    await until(() => child.lines.some((l) => l.event === 'request' && l.id === id), 'the child received the request', 10_000);
    child.proc.kill('SIGTERM');
    const { code, signal } = await exitOf(child, deadlineMs + 8_000);
    expect(signal).toBeNull();
    expect(code, 'exit code when the deadline cut a request').toBe(1);
    expect(await never, 'the hung request is cut, not answered').toBeInstanceOf(ClosedBeforeResponse);
    expect(child.lines.filter((l) => l.event === 'pool.end')).toHaveLength(1);
    const logs = expectStructuredLogs(child);
    expect(logs.filter((l) => l.level === 40 && l.deadlineMs === deadlineMs), 'a pino warn line with deadlineMs').toHaveLength(1);
  }, 40_000);
});
