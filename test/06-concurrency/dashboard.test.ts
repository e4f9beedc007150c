import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEADLINE_MS, makeDashboard, type Services } from '@exercise/06-concurrency/dashboard';
import { read, request } from '../../src/workbook/testing/http.ts';
import { flush, track, valueOf, watchUnhandledRejections } from './control.ts';

// The fake clock drives setTimeout only; AbortSignal.timeout is not faked
// by vitest, which is why the handler takes a `timeout` factory.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function fakeTimeout(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  return controller.signal;
}

const PROFILE = { name: 'Ada' };
const INVOICES = { open: 2, overdueCents: 12_500 };
const NOTIFICATIONS = [{ id: 1, text: 'Invoice 2024-007 is overdue' }];
const SECRET = 'connection refused: postgres://billing:hunter2@10.0.0.7';

interface Plan {
  ms: number;
  fail?: boolean;
  /** Like a client library with no cancellation support. */
  ignoresSignal?: boolean;
}

/** Three services that answer after `ms` on the fake clock, recording everything. */
function fakeServices(plans: { profile: Plan; invoices: Plan; notifications: Plan }) {
  const log: string[] = [];
  const signals: Record<string, AbortSignal> = {};
  const userIds: number[] = [];
  function service<T>(name: keyof typeof plans, value: T) {
    return (userId: number, signal: AbortSignal) => {
      const plan = plans[name];
      userIds.push(userId);
      signals[name] = signal;
      log.push(`start ${name}`);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          log.push(`${plan.fail ? 'fail' : 'done'} ${name}`);
          if (plan.fail) reject(new Error(SECRET));
          else resolve(value);
        }, plan.ms);
        if (!plan.ignoresSignal) {
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              log.push(`aborted ${name}`);
              reject(signal.reason);
            },
            { once: true },
          );
        }
      });
    };
  }
  const services: Services = {
    profile: service('profile', PROFILE),
    invoices: service('invoices', INVOICES),
    notifications: service('notifications', NOTIFICATIONS),
  };
  return { services, log, signals, userIds };
}

const ok = (ms: number): Plan => ({ ms });

function setup(plans: Parameters<typeof fakeServices>[0], signal?: AbortSignal) {
  const fakes = fakeServices(plans);
  const logError = vi.fn();
  const timeout = vi.fn(fakeTimeout);
  const handler = makeDashboard({ services: fakes.services, timeout, logError });
  const response = track(handler(request('GET', '/dashboard', { signal }), { userId: 7 }));
  return { ...fakes, logError, timeout, response };
}

const unhandled = watchUnhandledRejections();

describe('dashboard', () => {
  it('answers 200 with the three results combined', async () => {
    const s = setup({ profile: ok(10), invoices: ok(20), notifications: ok(30) });
    await vi.advanceTimersByTimeAsync(30);
    const res = await read(valueOf(s.response));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ profile: PROFILE, invoices: INVOICES, notifications: NOTIFICATIONS });
    expect(s.userIds).toEqual([7, 7, 7]);
  });

  it('starts all three calls before any of them finishes', async () => {
    const s = setup({ profile: ok(100), invoices: ok(100), notifications: ok(100) });
    await flush();
    expect(s.log).toEqual(['start profile', 'start invoices', 'start notifications']);
    await vi.advanceTimersByTimeAsync(100);
  });

  it('takes as long as the slowest call, not the sum of the three', async () => {
    const s = setup({ profile: ok(300), invoices: ok(500), notifications: ok(400) });
    await vi.advanceTimersByTimeAsync(499);
    expect(s.response.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.response.settled).toBe(true);
    expect(valueOf(s.response).status).toBe(200);
  });

  it('gives every call an AbortSignal that has not fired', async () => {
    const s = setup({ profile: ok(10), invoices: ok(10), notifications: ok(10) });
    await flush();
    for (const name of ['profile', 'invoices', 'notifications']) {
      expect(s.signals[name]).toBeInstanceOf(AbortSignal);
      expect(s.signals[name]!.aborted).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(10);
  });

  it(`sets the deadline with deps.timeout(${DEADLINE_MS})`, async () => {
    const s = setup({ profile: ok(10), invoices: ok(10), notifications: ok(10) });
    await vi.advanceTimersByTimeAsync(10);
    expect(s.timeout).toHaveBeenCalledWith(DEADLINE_MS);
  });

  it('answers 504 JSON at the deadline, not before, and aborts the calls still running', async () => {
    const s = setup({ profile: ok(100), invoices: ok(60_000), notifications: ok(60_000) });
    await vi.advanceTimersByTimeAsync(DEADLINE_MS - 1);
    expect(s.response.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.response.settled).toBe(true);
    const res = await read(valueOf(s.response));
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'upstream timeout' });
    expect(s.signals.invoices!.aborted).toBe(true);
    expect(s.signals.notifications!.aborted).toBe(true);
  });

  it('answers 504 at the deadline even when a service ignores its signal', async () => {
    const s = setup({ profile: ok(10), invoices: { ms: 60_000, ignoresSignal: true }, notifications: ok(10) });
    await vi.advanceTimersByTimeAsync(DEADLINE_MS);
    expect(s.response.settled).toBe(true);
    expect(valueOf(s.response).status).toBe(504);
  });

  it('answers 502 JSON on an upstream failure, without leaking its message', async () => {
    const s = setup({ profile: ok(10), invoices: { ms: 20, fail: true }, notifications: ok(30) });
    await vi.advanceTimersByTimeAsync(20);
    expect(s.response.settled).toBe(true);
    const res = await read(valueOf(s.response));
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'upstream failure' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('postgres');
  });

  it('aborts the other calls the moment one fails, and answers without waiting for them', async () => {
    const s = setup({
      profile: { ms: 60_000, ignoresSignal: true },
      invoices: { ms: 20, fail: true },
      notifications: ok(60_000),
    });
    await vi.advanceTimersByTimeAsync(20);
    expect(s.signals.profile!.aborted).toBe(true);
    expect(s.signals.notifications!.aborted).toBe(true);
    expect(s.log).toContain('aborted notifications');
    expect(valueOf(s.response).status).toBe(502);
  });

  it('answers 499 at once when the client disconnects, and aborts every call', async () => {
    const client = new AbortController();
    const s = setup({ profile: ok(1_000), invoices: ok(1_000), notifications: { ms: 1_000, ignoresSignal: true } }, client.signal);
    await vi.advanceTimersByTimeAsync(10);
    client.abort();
    await flush();
    expect(s.response.settled).toBe(true);
    const res = await read(valueOf(s.response));
    expect(res.status).toBe(499);
    expect(res.json).toEqual({ error: 'client closed request' });
    expect(Object.values(s.signals).every((signal) => signal.aborted)).toBe(true);
  });

  it('calls no service for a request whose client has already gone', async () => {
    const client = new AbortController();
    client.abort();
    const s = setup({ profile: ok(10), invoices: ok(10), notifications: ok(10) }, client.signal);
    await vi.advanceTimersByTimeAsync(10);
    expect(s.log).toEqual([]);
    expect(valueOf(s.response).status).toBe(499);
  });

  it('is not changed by calls that finish after the answer was given', async () => {
    const s = setup({
      profile: ok(10),
      invoices: { ms: 20, fail: true },
      notifications: { ms: 5_000, ignoresSignal: true },
    });
    await vi.advanceTimersByTimeAsync(20);
    const answered = valueOf(s.response);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.response.value).toBe(answered);
    expect(valueOf(s.response).status).toBe(502);
    // One call per service, no retries behind the client's back.
    expect(s.log.filter((l) => l.startsWith('start'))).toHaveLength(3);
  });

  it('leaves no unhandled rejection when two services fail', async () => {
    const s = setup({ profile: { ms: 10, fail: true }, invoices: { ms: 10, fail: true, ignoresSignal: true }, notifications: ok(10) });
    await vi.advanceTimersByTimeAsync(50);
    await flush(5);
    expect(valueOf(s.response).status).toBe(502);
    expect(unhandled).toEqual([]);
  });
});
