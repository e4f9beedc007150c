/**
 * Chapter 6's TypeScript snippets, exercised. Concurrency is shown by the
 * order of events and by a fake clock, never by measuring time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bestEffort, concurrent, sequential, type Upstream } from '../../content/06-concurrency/snippets/fan-out.ts';
import { dashboard } from '../../content/06-concurrency/snippets/errgroup.ts';
import { countPrimes } from '../../content/06-concurrency/snippets/primes.ts';
import { blockingApp, yieldingApp } from '../../content/06-concurrency/snippets/blocking.ts';
import { countPrimesInWorker } from '../../content/06-concurrency/snippets/worker.ts';
import { read, request } from '../../src/workbook/testing/http.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Upstream calls answering after a delay on the (fake) clock, honouring their signal. */
function fakeApi(ms: { profile: number; invoices: number; notifications: number }, fail: string[] = []) {
  const log: string[] = [];
  const signals: AbortSignal[] = [];
  const call =
    <T>(name: keyof typeof ms, value: T) =>
    (_userId: number, signal?: AbortSignal) =>
      new Promise<T>((resolve, reject) => {
        log.push(`start ${name}`);
        if (signal) signals.push(signal);
        const timer = setTimeout(() => {
          log.push(`end ${name}`);
          if (fail.includes(name)) reject(new Error(`${name} down`));
          else resolve(value);
        }, ms[name]);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          log.push(`aborted ${name}`);
          reject(signal.reason);
        });
      });
  const api: Upstream = {
    profile: call('profile', { name: 'Ada' }),
    invoices: call('invoices', { open: 2 }),
    notifications: call('notifications', ['overdue']),
  };
  return { api, log, signals };
}

async function elapsed(fn: () => Promise<unknown>) {
  const start = Date.now();
  await Promise.all([fn(), vi.runAllTimersAsync()]);
  return Date.now() - start;
}

describe('fan-out.ts', () => {
  const ms = { profile: 100, invoices: 300, notifications: 200 };

  it('sequential awaits take the sum of the calls (fake clock)', async () => {
    vi.useFakeTimers();
    const { api, log } = fakeApi(ms);
    let result: unknown;
    expect(await elapsed(async () => (result = await sequential(api, 1)))).toBe(600);
    expect(result).toEqual({ profile: { name: 'Ada' }, invoices: { open: 2 }, notifications: ['overdue'] });
    expect(log.slice(0, 2)).toEqual(['start profile', 'end profile']);
  });

  it('Promise.all starts all three at once and takes the slowest', async () => {
    vi.useFakeTimers();
    const { api, log } = fakeApi(ms);
    expect(await elapsed(() => concurrent(api, 1))).toBe(300);
    expect(log.slice(0, 3)).toEqual(['start profile', 'start invoices', 'start notifications']);
  });

  it('Promise.all rejects on the first failure but the others run on', async () => {
    vi.useFakeTimers();
    const { api, log } = fakeApi(ms, ['profile']);
    const outcome = concurrent(api, 1).catch((e: Error) => e.message);
    await vi.runAllTimersAsync();
    expect(await outcome).toBe('profile down');
    expect(log).toContain('end invoices'); // nobody told it to stop
  });

  it('allSettled keeps the panels that worked', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi(ms, ['invoices']);
    const page = bestEffort(api, 1);
    await vi.runAllTimersAsync();
    expect(await page).toEqual({ profile: { name: 'Ada' }, invoices: null, notifications: ['overdue'] });
    const broken = fakeApi(ms, ['profile']);
    const failed = bestEffort(broken.api, 1).catch((e: Error) => e.message);
    await vi.runAllTimersAsync();
    expect(await failed).toBe('profile down');
  });
});

describe('errgroup.ts', () => {
  function fakeTimeout(ms: number) {
    const c = new AbortController();
    setTimeout(() => c.abort(new DOMException('timed out', 'TimeoutError')), ms);
    return c.signal;
  }

  it('answers 200 when both calls succeed', async () => {
    vi.useFakeTimers();
    const { api } = fakeApi({ profile: 10, invoices: 20, notifications: 0 });
    const res = dashboard({ api, timeout: fakeTimeout })(request('GET', '/'), 1);
    await vi.advanceTimersByTimeAsync(20);
    expect((await read(await res)).json).toEqual({ profile: { name: 'Ada' }, invoices: { open: 2 } });
  });

  it('a failure aborts the sibling and answers 502', async () => {
    vi.useFakeTimers();
    const { api, log, signals } = fakeApi({ profile: 10, invoices: 1_000, notifications: 0 }, ['profile']);
    const res = dashboard({ api, timeout: fakeTimeout })(request('GET', '/'), 1);
    await vi.advanceTimersByTimeAsync(10);
    expect((await res).status).toBe(502);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(log).toContain('aborted invoices');
  });

  it('the deadline aborts both calls and answers 504', async () => {
    vi.useFakeTimers();
    const { api, signals } = fakeApi({ profile: 5_000, invoices: 5_000, notifications: 0 });
    let settled = false;
    const res = dashboard({ api, timeout: fakeTimeout })(request('GET', '/'), 1).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await res).status).toBe(504);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('the client disconnecting aborts both calls', async () => {
    vi.useFakeTimers();
    const client = new AbortController();
    const { api, log } = fakeApi({ profile: 5_000, invoices: 5_000, notifications: 0 });
    const res = dashboard({ api, timeout: fakeTimeout })(request('GET', '/', { signal: client.signal }), 1);
    await vi.advanceTimersByTimeAsync(1);
    client.abort();
    await res;
    expect(log).toEqual(['start profile', 'start invoices', 'aborted profile', 'aborted invoices']);
  });

  it('defaults to AbortSignal.timeout', async () => {
    const { api } = fakeApi({ profile: 0, invoices: 0, notifications: 0 });
    expect((await dashboard({ api })(request('GET', '/'), 1)).status).toBe(200);
  });
});

describe('primes.ts', () => {
  it('counts primes below a limit, optionally from a start', () => {
    expect(countPrimes(30)).toBe(10);
    expect(countPrimes(30, 10)).toBe(6);
    expect(countPrimes(10, 0)).toBe(4);
  });
});

describe('blocking.ts: order of events on one event loop', () => {
  /** Two requests arrive back to back, as two callbacks queued on the loop. */
  async function twoRequests(app: ReturnType<typeof blockingApp>) {
    const report = new Promise<Response>((resolve) => setImmediate(() => resolve(app.report(50_000))));
    const health = new Promise<Response>((resolve) => setImmediate(() => resolve(app.health())));
    return Promise.all([report, health]);
  }

  it('a CPU-bound handler keeps the health check waiting until it is done', async () => {
    const log: string[] = [];
    const [report] = await twoRequests(blockingApp(log));
    expect(log).toEqual(['report: start', 'report: done', 'health: answered']);
    expect((await read(report)).json).toEqual({ primes: 5133 });
  });

  it('yielding between chunks lets the health check in first', async () => {
    const log: string[] = [];
    const [report] = await twoRequests(yieldingApp(log));
    expect(log).toEqual(['report: start', 'health: answered', 'report: done']);
    expect((await read(report)).json).toEqual({ primes: 5133 });
  });
});

describe('worker.ts and primes-worker.ts', () => {
  it('counts primes on another thread while the main thread keeps answering', async () => {
    const log: string[] = [];
    const result = countPrimesInWorker(50_000).then((n) => {
      log.push('worker: done');
      return n;
    });
    await new Promise((resolve) => setImmediate(resolve));
    log.push('main: still answering');
    expect(await result).toBe(5133);
    expect(log).toEqual(['main: still answering', 'worker: done']);
  });

  it('the worker entry does nothing when imported on the main thread', async () => {
    await expect(import('../../content/06-concurrency/snippets/primes-worker.ts')).resolves.toBeDefined();
  });
});
