/**
 * Chapter 14's TypeScript snippets, exercised: every claim the chapter's
 * prose makes about them is asserted here, the shutdown on a real loopback
 * server with keep-alive sockets.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLogger, showInvoice, withRequestLog } from '../../content/14-running-it/snippets/logger.ts';
import { probes } from '../../content/14-running-it/snippets/health.ts';
import { main, type Pool } from '../../content/14-running-it/snippets/shutdown.ts';
import { installCrashPolicy } from '../../content/14-running-it/snippets/process-handlers.ts';
import { inSpan, startTracing, traced, traceIds } from '../../content/14-running-it/snippets/tracing.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ClosedBeforeResponse, Conn, destroyAll, refusedWithin } from '../14-running-it/client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A pino destination that keeps the parsed lines. */
function memory() {
  const lines: Record<string, any>[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

describe('logger: pino with a child logger per request', () => {
  it('writes one JSON line per event, with the request id on every line of that request', async () => {
    const { lines, stream } = memory();
    const app = withRequestLog(createLogger(stream))(showInvoice);
    const [a, b] = await Promise.all([
      app(request('GET', '/invoices/7', { headers: { 'X-Request-Id': 'edge-42' } }), {}),
      app(request('GET', '/invoices/8'), {}),
    ]);
    expect(a.headers.get('x-request-id')).toBe('edge-42');
    const fresh = b.headers.get('x-request-id')!;
    expect(fresh).toMatch(UUID);
    expect(await a.json()).toEqual({ id: 7 });
    const mine = (id: string) => lines.filter((l) => l.requestId === id).map((l) => l.msg);
    expect(mine('edge-42')).toEqual(['invoice shown', 'request finished']);
    expect(mine(fresh)).toEqual(['invoice shown', 'request finished']);
    const shown = lines.find((l) => l.requestId === 'edge-42' && l.msg === 'invoice shown')!;
    expect(shown).toMatchObject({ level: 'info', service: 'invoices', invoiceId: 7 });
    expect(shown.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const access = lines.find((l) => l.requestId === 'edge-42' && l.msg === 'request finished')!;
    expect(access).toMatchObject({ method: 'GET', path: '/invoices/7', status: 200 });
    expect(access.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('measures the duration with the clock it is given', async () => {
    const { lines, stream } = memory();
    let t = 100;
    await withRequestLog(createLogger(stream), () => (t += 7))(showInvoice)(request('GET', '/invoices/3'), {});
    expect(lines.at(-1)).toMatchObject({ msg: 'request finished', durationMs: 7 });
  });

  it('replaces a malformed incoming id instead of writing it into the logs', async () => {
    const { lines, stream } = memory();
    const res = await withRequestLog(createLogger(stream))(showInvoice)(request('GET', '/invoices/1', { headers: { 'X-Request-Id': 'a"} {"level":"fatal' } }), {});
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(lines.every((l) => l.requestId === id)).toBe(true);
  });

  it('redacts passwords and authorization headers, at the top level and one level down', () => {
    const { lines, stream } = memory();
    const log = createLogger(stream);
    log.info({ password: 'hunter2', db: { host: 'db', password: 'hunter2' }, headers: { authorization: 'Bearer abc', accept: 'json' } }, 'config');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Bearer abc');
    expect(lines[0]).toMatchObject({ password: '[redacted]', db: { host: 'db', password: '[redacted]' }, headers: { authorization: '[redacted]', accept: 'json' } });
  });
});

describe('health: liveness vs readiness', () => {
  it('liveness never asks the database; readiness does, with a timeout, and turns 503 while draining', async () => {
    const state = { draining: false };
    let calls = 0;
    let answer: () => Promise<unknown> = async () => 1;
    const { healthz, readyz } = probes(state, () => (calls++, answer()), 50);
    answer = () => Promise.reject(new Error('ECONNREFUSED'));
    const live = await read(await healthz());
    expect([live.status, live.json, live.headers.get('cache-control')]).toEqual([200, { status: 'ok' }, 'no-store']);
    expect(calls).toBe(0);
    expect((await read(await readyz())).json).toEqual({ status: 'unavailable' });
    answer = () => new Promise(() => {}); // a database that never answers
    const hung = await read(await readyz());
    expect([hung.status, hung.json]).toEqual([503, { status: 'unavailable' }]);
    answer = async () => 1;
    const ready = await read(await readyz());
    expect([ready.status, ready.json]).toEqual([200, { status: 'ready' }]);
    state.draining = true;
    const before = calls;
    const draining = await read(await readyz());
    expect([draining.status, draining.json, draining.headers.get('content-type')]).toEqual([503, { status: 'draining' }, 'application/json']);
    expect(calls, 'a draining process does not even ask the database').toBe(before);
  });
});

describe('shutdown: serve() from @hono/node-server and the signal handler', () => {
  const signals = new EventEmitter();
  afterEach(() => {
    destroyAll();
    signals.removeAllListeners();
  });

  async function boot(deadlineMs: number, queryMs: number) {
    const timeline: string[] = [];
    const state = { draining: false };
    const exited = Promise.withResolvers<number>();
    let ended = false;
    const pool: Pool = {
      async query(sql) {
        if (ended) throw new Error('Cannot use a pool after calling end on the pool');
        if (sql !== 'SELECT 1') await sleep(queryMs);
        return [];
      },
      async end() {
        ended = true;
        timeline.push('pool.end');
      },
    };
    const log = { info: (f: object) => void timeline.push(`info ${JSON.stringify(f)}`), warn: (f: object) => void timeline.push(`warn ${JSON.stringify(f)}`) };
    const running = await main({
      port: 0,
      state,
      pool,
      log,
      deadlineMs,
      signals,
      exit: (code) => {
        timeline.push(`exit ${code}`);
        exited.resolve(code);
      },
    });
    return { ...running, timeline, exited: exited.promise };
  }

  it('serve() returns a plain node:http Server and adds no signal handler of its own', async () => {
    const before = process.listenerCount('SIGTERM');
    const { server, port } = await boot(1_000, 0);
    expect(server.constructor.name).toBe('Server');
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(signals.listenerCount('SIGTERM')).toBe(1);
    const res = await (await Conn.open(port)).send('GET', '/readyz');
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { status: 'ready' }]);
    server.close();
  });

  it('on SIGTERM: in-flight requests finish with Connection: close, the next request on their socket is not served, new connections are refused, then the pool closes and exit(0)', async () => {
    const { port, timeline, exited } = await boot(5_000, 300);
    const conns = await Promise.all([Conn.open(port), Conn.open(port)]);
    for (const conn of conns) expect((await conn.send('GET', '/healthz')).headers.connection).toBe('keep-alive');
    const replies = conns.map((conn, i) => conn.send('GET', `/invoices/${i + 1}`));
    await sleep(100);
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT'); // a second signal changes nothing
    expect(await refusedWithin(port, 2_000)).toBe('ECONNREFUSED');
    for (const [i, reply] of replies.entries()) {
      const res = await reply;
      expect([res.status, res.headers.connection, JSON.parse(res.body)]).toEqual([200, 'close', { id: i + 1 }]);
      await expect(conns[i]!.send('GET', '/healthz')).rejects.toBeInstanceOf(ClosedBeforeResponse);
    }
    expect(await exited).toBe(0);
    expect(timeline).toEqual(['info {"signal":"SIGTERM"}', 'pool.end', 'info {"exitCode":0}', 'exit 0']);
  });

  it('server.close() alone is not enough: without Connection: close a busy keep-alive socket serves its next request', async () => {
    // The measured fact the chapter starts from, on a bare serve() with no middleware.
    const { serve } = await import('@hono/node-server');
    const { Hono } = await import('hono');
    const app = new Hono().get('/slow', async (c) => (await sleep(200), c.text('slow'))).get('/next', (c) => c.text('next'));
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as import('node:http').Server));
    });
    const port = (server.address() as import('node:net').AddressInfo).port;
    const conn = await Conn.open(port);
    const reply = conn.send('GET', '/slow');
    await sleep(50);
    const closed = new Promise((resolve) => server.close(resolve));
    const first = await reply;
    expect([first.status, first.headers.connection]).toEqual([200, 'keep-alive']);
    const second = await conn.send('GET', '/next');
    expect([second.status, second.body]).toEqual([200, 'next']);
    conn.destroy();
    await closed;
  });

  it('cuts what never ends at the deadline and exits 1', async () => {
    const { port, timeline, exited } = await boot(300, 60_000);
    const conn = await Conn.open(port);
    const reply = conn.send('GET', '/invoices/9');
    await sleep(50);
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
    await expect(reply).rejects.toBeInstanceOf(ClosedBeforeResponse);
    expect(timeline).toEqual(['info {"signal":"SIGTERM"}', 'warn {"deadlineMs":300}', 'pool.end', 'info {"exitCode":1}', 'exit 1']);
  });
});

describe('process handlers: the crash policy', () => {
  it('drains on an unhandled rejection (exit 1 through shutdown) and exits at once on an uncaught exception', async () => {
    const events = new EventEmitter();
    const seen: string[] = [];
    installCrashPolicy({
      log: { error: (f: any, m) => void seen.push(`error ${f.err.message}: ${m}`), fatal: (f: any, m) => void seen.push(`fatal ${f.err.message} (${f.origin}): ${m}`) },
      shutdown: async (reason, code) => void seen.push(`shutdown ${reason} ${code}`),
      exit: (code) => void seen.push(`exit ${code}`),
      events,
    });
    events.emit('unhandledRejection', new Error('lost'));
    expect(seen).toEqual(['error lost: unhandled rejection: draining, then exit 1', 'shutdown unhandledRejection 1']);
    events.emit('uncaughtException', new Error('thrown'), 'uncaughtException');
    expect(seen.slice(2)).toEqual(['fatal thrown (uncaughtException): uncaught exception: exiting now', 'exit 1']);
  });
});

describe('tracing: the Node SDK, a span per request', () => {
  // InMemorySpanExporter forgets its spans when shut down; the SDK's shutdown is what flushes the batch.
  class KeptSpans extends InMemorySpanExporter {
    override shutdown(): Promise<void> {
      this._stopped = true;
      return Promise.resolve();
    }
  }
  const exporter = new KeptSpans();
  const sdk = startTracing(exporter);
  afterAll(() => sdk.shutdown());

  it('makes one server span per request, with the query spans of that request under it, even when requests overlap', async () => {
    const { lines, stream } = memory();
    const log = createLogger(stream, { mixin: traceIds });
    const handler = traced('/invoices/:id', async (req: Request) => {
      const id = Number(new URL(req.url).pathname.split('/').at(-1));
      await inSpan('SELECT invoice', () => sleep(id === 1 ? 40 : 5));
      log.info({ id }, 'invoice shown');
      if (id === 3) return Response.json({ error: 'internal' }, { status: 500 });
      return Response.json({ id });
    });
    const statuses = await Promise.all([1, 2, 3].map((id) => handler(request('GET', `/invoices/${id}`), {}).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 500]);
    expect(exporter.getFinishedSpans(), 'a BatchSpanProcessor exports later, not per span').toEqual([]);
    await sdk.shutdown(); // flushes the batch processor
    const spans = exporter.getFinishedSpans();
    const servers = spans.filter((s) => s.kind === SpanKind.SERVER);
    const queries = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(servers.map((s) => s.name)).toEqual(['GET /invoices/:id', 'GET /invoices/:id', 'GET /invoices/:id']);
    expect(servers.map((s) => s.attributes['http.response.status_code']).sort()).toEqual([200, 200, 500]);
    expect(servers.find((s) => s.attributes['http.response.status_code'] === 500)!.status.code).toBe(SpanStatusCode.ERROR);
    expect(queries).toHaveLength(3);
    const traceIdsSeen = new Set(servers.map((s) => s.spanContext().traceId));
    expect(traceIdsSeen.size, 'each request is its own trace').toBe(3);
    for (const q of queries) {
      const parent = servers.find((s) => s.spanContext().spanId === q.parentSpanContext?.spanId);
      expect(parent, 'every query span is a child of a request span').toBeDefined();
      expect(q.spanContext().traceId).toBe(parent!.spanContext().traceId);
    }
    for (const line of lines) {
      const server = servers.find((s) => s.spanContext().traceId === line.traceId);
      expect(server, `log line for invoice ${line.id} carries its request's trace id`).toBeDefined();
    }
    expect(lines.map((l) => l.spanId).every((id) => servers.some((s) => s.spanContext().spanId === id))).toBe(true);
    expect(traceIds(), 'outside a span there are no ids to add').toEqual({});
  });
});
