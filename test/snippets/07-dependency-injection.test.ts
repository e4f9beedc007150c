/**
 * Chapter 7's TypeScript snippets, exercised: every claim the chapter
 * makes about them is asserted here.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createApp, createTokenAuth } from '../../content/07-dependency-injection/snippets/app.ts';
import { fixedClock, systemClock } from '../../content/07-dependency-injection/snippets/clock.ts';
import { loadConfig } from '../../content/07-dependency-injection/snippets/config.ts';
import { handlerTests } from '../../content/07-dependency-injection/snippets/example-test.ts';
import { memoryDb, recordingReceipts, silentLogger } from '../../content/07-dependency-injection/snippets/fakes.ts';
import { createInvoiceHandlers, InvoiceService } from '../../content/07-dependency-injection/snippets/handlers.ts';
import { jsonLogger } from '../../content/07-dependency-injection/snippets/logger.ts';
import { main, type Platform } from '../../content/07-dependency-injection/snippets/main.ts';
import { httpReceipts } from '../../content/07-dependency-injection/snippets/receipts.ts';
import { read, request } from '../../src/workbook/testing/http.ts';

const ENV = {
  DATABASE_URL: 'postgres://app:pw-secret@db.internal/billing',
  RECEIPTS_URL: 'https://receipts.internal',
  PORT: '8080',
};
const ALICE_TOKEN = 'alice-token-0123456789';

function fakePlatform(clockIso = '2026-03-10T09:30:00Z') {
  const db = memoryDb();
  const lines: string[] = [];
  const posted: unknown[] = [];
  const platform = {
    connect: vi.fn(() => db),
    listen: vi.fn(),
    write: (line: string) => void lines.push(line),
    fetch: vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      posted.push(JSON.parse(String(init?.body)));
      return new Response(null, { status: 202 });
    }) as unknown as typeof fetch,
    clock: fixedClock(clockIso),
  } satisfies Platform;
  return { db, lines, posted, platform };
}

describe('clock.ts', () => {
  it('systemClock reads the real time; fixedClock only moves when told', () => {
    const before = Date.now();
    expect(systemClock.now().getTime()).toBeGreaterThanOrEqual(before);
    const clock = fixedClock('2026-03-10T09:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-10T09:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-10T09:30:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-03-10T09:31:00.000Z');
  });
});

describe('logger.ts', () => {
  it('writes JSON lines at or above its level', () => {
    const lines: string[] = [];
    const logger = jsonLogger('error', (line) => lines.push(line));
    logger.info('skipped');
    logger.error('kept', { id: 7 });
    expect(lines).toEqual(['{"level":"error","message":"kept","id":7}\n']);
    const verbose = jsonLogger('debug', (line) => lines.push(line));
    verbose.info('also kept');
    expect(lines).toHaveLength(2);
  });
});

describe('receipts.ts', () => {
  it('posts the receipt as JSON through the fetch it was given', async () => {
    const fetchFn = vi.fn(async () => new Response(null, { status: 202 }));
    const receipts = httpReceipts('https://receipts.internal', fetchFn as unknown as typeof fetch);
    await receipts.send({ number: 'INV-002', paidAt: new Date('2026-03-10T09:30:00Z') });
    const [url, init] = fetchFn.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('https://receipts.internal/receipts');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ number: 'INV-002', paidAt: '2026-03-10T09:30:00.000Z' });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('turns an HTTP error into an exception', async () => {
    const receipts = httpReceipts('https://r.internal', (async () => new Response(null, { status: 503 })) as typeof fetch);
    await expect(receipts.send({ number: 'X', paidAt: new Date() })).rejects.toThrow('receipts: HTTP 503');
  });
});

describe('handlers.ts', () => {
  it('markPaid writes the clock’s time, sends a receipt and logs', async () => {
    const db = memoryDb();
    const clock = fixedClock('2026-03-10T09:30:00Z');
    const receipts = recordingReceipts();
    const lines: string[] = [];
    const handlers = createInvoiceHandlers({ db, clock, receipts, logger: jsonLogger('info', (l) => lines.push(l)) });
    const res = await read(await handlers.markPaid(request('POST', '/invoices/2/pay'), { user: { id: 1 }, invoiceId: 2 }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 2, number: 'INV-002', paidAt: '2026-03-10T09:30:00.000Z' });
    expect(receipts.sent).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ level: 'info', message: 'invoice paid', id: 2 });
  });

  it('markPaid answers 409 and sends nothing for an invoice that is not sent, or not yours', async () => {
    const db = memoryDb();
    const receipts = recordingReceipts();
    const handlers = createInvoiceHandlers({ db, clock: fixedClock('2026-03-10T09:30:00Z'), receipts, logger: silentLogger });
    expect((await handlers.markPaid(request('POST', '/'), { user: { id: 1 }, invoiceId: 1 })).status).toBe(409);
    expect((await handlers.markPaid(request('POST', '/'), { user: { id: 2 }, invoiceId: 2 })).status).toBe(409);
    expect(receipts.sent).toEqual([]);
  });

  it('InvoiceService (the class form) computes "overdue" from its injected clock', async () => {
    const db = memoryDb();
    const deps = { db, receipts: recordingReceipts(), logger: silentLogger };
    const early = new InvoiceService({ ...deps, clock: fixedClock('2026-03-03T12:00:00Z') });
    const late = new InvoiceService({ ...deps, clock: fixedClock('2026-03-04T12:00:00Z') });
    expect(await early.isOverdue(2)).toBe(false);
    expect(await late.isOverdue(2)).toBe(true);
    expect(await late.isOverdue(1)).toBe(false);
  });
});

describe('config.ts', () => {
  it('parses a good environment into a typed config with defaults', () => {
    expect(loadConfig(ENV)).toEqual({ ...ENV, PORT: 8080, LOG_LEVEL: 'info' });
    const { PORT: _port, ...noPort } = ENV;
    expect(loadConfig(noPort).PORT).toBe(3000);
  });

  it('takes a port in plain digits only: no sign, exponent, leading zero or 0', () => {
    for (const port of ['8e3', '+80', '080', '0', '65536', ' 80']) {
      expect(() => loadConfig({ ...ENV, PORT: port }), `PORT=${JSON.stringify(port)}`).toThrow('invalid environment: PORT');
    }
    expect(loadConfig({ ...ENV, PORT: '65535' }).PORT).toBe(65535);
  });

  it('names every bad variable and prints no values', () => {
    const call = () => loadConfig({ PORT: '8e3', DATABASE_URL: 'mysql://root:hunter2@x/db', LOG_LEVEL: 'loud' });
    expect(call).toThrow('invalid environment: PORT, DATABASE_URL, RECEIPTS_URL, LOG_LEVEL');
    expect(call).not.toThrow(/hunter2/);
  });
});

describe('app.ts', () => {
  it('routes POST /invoices/:id/pay to the handlers for an authenticated user', async () => {
    const markPaid = vi.fn(async () => Response.json({ ok: true }));
    const app = createApp({ invoices: { markPaid }, authenticate: async () => ({ id: 1 }) });
    const res = await app.fetch(request('POST', '/invoices/2/pay'));
    expect(res.status).toBe(200);
    expect(markPaid).toHaveBeenCalledWith(expect.any(Request), { user: { id: 1 }, invoiceId: 2 });
    expect((await app.fetch(request('POST', '/invoices/abc/pay'))).status).toBe(404);
  });

  it('answers 401 when authenticate finds nobody', async () => {
    const markPaid = vi.fn();
    const app = createApp({ invoices: { markPaid }, authenticate: async () => null });
    expect((await app.fetch(request('POST', '/invoices/2/pay'))).status).toBe(401);
    expect(markPaid).not.toHaveBeenCalled();
  });

  it('createTokenAuth looks the bearer token up in the database it was given', async () => {
    const authenticate = createTokenAuth(memoryDb());
    const bearer = (token: string) => request('GET', '/', { headers: { authorization: `Bearer ${token}` } });
    expect(await authenticate(bearer(ALICE_TOKEN))).toEqual({ id: 1 });
    expect(await authenticate(bearer('unknown-token-0123456789'))).toBeNull();
    expect(await authenticate(bearer("x' OR '1'='1"))).toBeNull();
    expect(await authenticate(request('GET', '/'))).toBeNull();
    // Only the digest is stored, and the digest is not a token.
    const digest = createHash('sha256').update(ALICE_TOKEN).digest('hex');
    expect(await authenticate(bearer(digest))).toBeNull();
    expect(await authenticate(request('GET', '/', { headers: { authorization: `bearer ${ALICE_TOKEN}` } }))).toEqual({ id: 1 });
  });
});

describe('main.ts: the composition root', () => {
  it('throws on a bad environment before connecting or listening', () => {
    const { platform } = fakePlatform();
    expect(() => main({ ...ENV, PORT: 'abc' }, platform)).toThrow('invalid environment: PORT');
    expect(platform.connect).not.toHaveBeenCalled();
    expect(platform.listen).not.toHaveBeenCalled();
  });

  it('wires config → pool → clients → handlers → router → server', async () => {
    const { platform, lines, posted } = fakePlatform();
    main(ENV, platform);
    expect(platform.connect).toHaveBeenCalledWith(ENV.DATABASE_URL);
    expect(platform.listen).toHaveBeenCalledTimes(1);
    const server = platform.listen.mock.calls[0]![0] as { fetch: (r: Request) => Promise<Response>; port: number };
    expect(server.port).toBe(8080);
    expect(JSON.parse(lines[0]!)).toEqual({ level: 'info', message: 'listening', port: 8080 });

    const pay = () =>
      server.fetch(request('POST', '/invoices/2/pay', { headers: { authorization: `Bearer ${ALICE_TOKEN}` } }));
    const res = await read(await pay());
    expect(res.status).toBe(200);
    expect(res.json.paidAt).toBe('2026-03-10T09:30:00.000Z');
    expect(posted).toEqual([{ number: 'INV-002', paidAt: '2026-03-10T09:30:00.000Z' }]);
    expect((await pay()).status).toBe(409);
  });
});

describe('example-test.ts: the test the chapter shows', handlerTests);
