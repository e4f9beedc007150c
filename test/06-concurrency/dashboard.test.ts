import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEADLINE_MS, makeDashboard, type Services } from '@exercise/06-concurrency/dashboard';
import { read, request } from '../../src/workbook/testing/http.ts';
import { abortListeners, expectOwnResponses, turns } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';
import { collectGarbage, flush, track, valueOf, watchUnhandledRejections } from './control.ts';

// The fake clock drives setTimeout only; AbortSignal.timeout is not faked
// by vitest, which is why the handler takes a `timeout` factory.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** How the injected deadline aborts: as AbortSignal.timeout does, or with another reason (the status must not depend on it). */
type DeadlineReason = 'TimeoutError' | 'abort()' | 'Error';

function fakeTimeoutWith(reason: DeadlineReason) {
  return (ms: number): AbortSignal => {
    const controller = new AbortController();
    setTimeout(() => {
      if (reason === 'TimeoutError') controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      else if (reason === 'abort()') controller.abort();
      else controller.abort(new Error('deadline passed'));
    }, ms);
    return controller.signal;
  };
}
const fakeTimeout = fakeTimeoutWith('TimeoutError');

const PROFILE = { name: 'Ada' };
const INVOICES = { open: 2, overdueCents: 12_500 };
const NOTIFICATIONS = [{ id: 1, text: 'Invoice 2024-007 is overdue' }];
const SECRET = 'connection refused: postgres://billing:hunter2@10.0.0.7';
const NAMES = ['profile', 'invoices', 'notifications'] as const;
type Name = (typeof NAMES)[number];

/** What a failing upstream rejects with: a plain error, or one whose name a status must not be chosen by. */
type ErrorKind = 'Error' | 'TimeoutError' | 'AbortError';
const upstreamError = (name: Name, kind: ErrorKind): Error =>
  kind === 'Error' ? new Error(`${name}: ${SECRET}`) : new DOMException(`${name}: ${SECRET}`, kind);

interface Plan {
  ms: number;
  fail?: boolean;
  /** What it rejects with when it fails (default a plain Error). */
  error?: ErrorKind;
  /** Like a client library with no cancellation support. */
  ignoresSignal?: boolean;
}
type Plans = Record<Name, Plan>;

/** Three services that answer after `ms` on the fake clock, recording everything. */
function fakeServices(plans: Plans) {
  const log: string[] = [];
  const signals: Partial<Record<Name, AbortSignal>> = {};
  const errors: Partial<Record<Name, Error>> = {};
  const userIds: number[] = [];
  function service<T>(name: Name, value: T) {
    return (userId: number, signal: AbortSignal) => {
      const plan = plans[name];
      userIds.push(userId);
      signals[name] = signal;
      log.push(`start ${name}`);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          log.push(`${plan.fail ? 'fail' : 'done'} ${name}`);
          if (plan.fail) reject((errors[name] = upstreamError(name, plan.error ?? 'Error')));
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
  return { services, log, signals, errors, userIds };
}

const ok = (ms: number): Plan => ({ ms });

function setup(plans: Plans, options: { signal?: AbortSignal; deadline?: DeadlineReason } = {}) {
  const fakes = fakeServices(plans);
  const logError = vi.fn();
  const timeout = vi.fn(fakeTimeoutWith(options.deadline ?? 'TimeoutError'));
  const handler = makeDashboard({ services: fakes.services, timeout, logError });
  const req = request('GET', '/dashboard', { signal: options.signal });
  const listenersBefore = abortListeners(req.signal);
  const response = track(handler(req, { userId: 7 }));
  /** Abort listeners the handler added to request.signal and has not removed. */
  const listenersLeft = () => abortListeners(req.signal) - listenersBefore;
  return { ...fakes, logError, timeout, response, listenersLeft };
}

const ANSWERS = {
  200: { profile: PROFILE, invoices: INVOICES, notifications: NOTIFICATIONS },
  504: { error: 'upstream timeout' },
  502: { error: 'upstream failure' },
  499: { error: 'client closed request' },
} as const;
type Status = keyof typeof ANSWERS;

/** Status, JSON content type and the exact body the brief gives for that status. */
const expectAnswer = (response: Parameters<typeof expectResponse>[0], status: Status) => expectResponse(response, { status, json: { equals: ANSWERS[status] } });

const unhandled = watchUnhandledRejections();

describe('dashboard', () => {
  it('answers 200 with the three results combined', async () => {
    const s = setup({ profile: ok(10), invoices: ok(20), notifications: ok(30) });
    await vi.advanceTimersByTimeAsync(30);
    await expectAnswer(valueOf(s.response), 200);
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
    await expectAnswer(valueOf(s.response), 200);
  });

  it('gives every call an AbortSignal that has not fired', async () => {
    const s = setup({ profile: ok(10), invoices: ok(10), notifications: ok(10) });
    await flush();
    for (const name of NAMES) {
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
    await expectAnswer(valueOf(s.response), 504);
    expect(s.signals.invoices!.aborted).toBe(true);
    expect(s.signals.notifications!.aborted).toBe(true);
  });

  it('answers 504 at the deadline even when a service ignores its signal', async () => {
    const s = setup({ profile: ok(10), invoices: { ms: 60_000, ignoresSignal: true }, notifications: ok(10) });
    await vi.advanceTimersByTimeAsync(DEADLINE_MS);
    expect(s.response.settled).toBe(true);
    await expectAnswer(valueOf(s.response), 504);
  });

  it('answers 504 at the deadline whatever reason the deadline signal carries', async () => {
    for (const deadline of ['abort()', 'Error'] as const) {
      const s = setup({ profile: ok(10), invoices: ok(60_000), notifications: ok(10) }, { deadline });
      await vi.advanceTimersByTimeAsync(DEADLINE_MS);
      expect(s.response.settled).toBe(true);
      const res = await read(valueOf(s.response));
      expect(res.status, `a deadline that aborts with ${deadline === 'abort()' ? 'no reason (an AbortError)' : 'an Error'} gave ${res.status}: decide 504 by the deadline signal, not by the error's name`).toBe(504);
      await expectAnswer(res, 504);
    }
  });

  it('answers 502, not 504, when an upstream rejects with a TimeoutError of its own before the deadline', async () => {
    const s = setup({ profile: ok(10), invoices: { ms: 20, fail: true, error: 'TimeoutError' }, notifications: ok(30) });
    await vi.advanceTimersByTimeAsync(20);
    expect(s.response.settled).toBe(true);
    await expectAnswer(valueOf(s.response), 502);
  });

  it('answers 502 JSON on an upstream failure, without leaking its message', async () => {
    const s = setup({ profile: ok(10), invoices: { ms: 20, fail: true }, notifications: ok(30) });
    await vi.advanceTimersByTimeAsync(20);
    expect(s.response.settled).toBe(true);
    const res = await expectAnswer(valueOf(s.response), 502);
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('postgres');
  });

  it.each(NAMES)('answers 502 when %s fails: no part of the dashboard is optional', async (name) => {
    const plans: Plans = { profile: ok(10), invoices: ok(10), notifications: ok(10) };
    plans[name] = { ms: 5, fail: true };
    const s = setup(plans);
    await vi.advanceTimersByTimeAsync(5);
    expect(s.response.settled, 'still pending after the failure').toBe(true);
    await expectAnswer(valueOf(s.response), 502);
  });

  it('logs the upstream error that caused a 502 with deps.logError, once', async () => {
    const s = setup({ profile: ok(100), invoices: { ms: 20, fail: true }, notifications: ok(100) });
    await vi.advanceTimersByTimeAsync(20);
    await expectAnswer(valueOf(s.response), 502);
    expect(s.logError, 'the upstream error was never logged: pass it to deps.logError').toHaveBeenCalled();
    expect(s.logError.mock.calls[0]![0], 'logged something other than the upstream error').toBe(s.errors.invoices);
    expect(s.logError, 'logged the failure more than once').toHaveBeenCalledTimes(1);
  });

  it('logs nothing when every call succeeds', async () => {
    const s = setup({ profile: ok(10), invoices: ok(20), notifications: ok(30) });
    await vi.advanceTimersByTimeAsync(30);
    await expectAnswer(valueOf(s.response), 200);
    expect(s.logError).not.toHaveBeenCalled();
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
    await expectAnswer(valueOf(s.response), 502);
  });

  it('answers 499 at once when the client disconnects, and aborts every call', async () => {
    const client = new AbortController();
    const s = setup({ profile: ok(1_000), invoices: ok(1_000), notifications: { ms: 1_000, ignoresSignal: true } }, { signal: client.signal });
    await vi.advanceTimersByTimeAsync(10);
    client.abort();
    await flush();
    expect(s.response.settled).toBe(true);
    await expectAnswer(valueOf(s.response), 499);
    expect(Object.values(s.signals).every((signal) => signal.aborted)).toBe(true);
  });

  it('calls no service for a request whose client has already gone', async () => {
    const client = new AbortController();
    client.abort();
    const s = setup({ profile: ok(10), invoices: ok(10), notifications: ok(10) }, { signal: client.signal });
    await vi.advanceTimersByTimeAsync(10);
    expect(s.log).toEqual([]);
    await expectAnswer(valueOf(s.response), 499);
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
    await expectAnswer(valueOf(s.response), 502);
    // One call per service, no retries behind the client's back.
    expect(s.log.filter((l) => l.startsWith('start'))).toHaveLength(3);
  });

  it('leaves no unhandled rejection when two services fail', async () => {
    const s = setup({ profile: { ms: 10, fail: true }, invoices: { ms: 10, fail: true, ignoresSignal: true }, notifications: ok(10) });
    await vi.advanceTimersByTimeAsync(50);
    await flush(5);
    await expectAnswer(valueOf(s.response), 502);
    expect(unhandled).toEqual([]);
  });
});

describe('dashboard: nothing left behind, nothing shared', () => {
  // request.signal may belong to a keep-alive connection or a router that
  // reuses it: a listener left on it per call keeps every call's closures.
  it.each([
    ['200', { profile: ok(10), invoices: ok(20), notifications: ok(30) }, 30],
    ['502', { profile: ok(10), invoices: { ms: 20, fail: true }, notifications: ok(300) }, 20],
    ['504', { profile: ok(10), invoices: ok(60_000), notifications: ok(30) }, DEADLINE_MS],
  ] as const)('removes every abort listener it added to request.signal once it has answered %s', async (status, plans, ms) => {
    const s = setup(plans);
    await vi.advanceTimersByTimeAsync(ms);
    await expectAnswer(valueOf(s.response), Number(status) as Status);
    const left = s.listenersLeft();
    expect(left, `the handler left ${left} abort listener(s) on request.signal after answering ${status}: remove them in a finally`).toBe(0);
  });

  // A signal made by AbortSignal.any() stays in memory while it has an
  // 'abort' listener and its sources live: left on, every answered request
  // is kept until its deadline fires (or, without one, for good).
  it('lets go of the signal the calls received as soon as it has answered 200, not only when the deadline fires', async () => {
    const seen: WeakRef<AbortSignal>[] = [];
    const answer = <T>(value: T) => async (_userId: number, signal: AbortSignal) => {
      seen.push(new WeakRef(signal));
      return value;
    };
    const handler = makeDashboard({ services: { profile: answer(PROFILE), invoices: answer(INVOICES), notifications: answer(NOTIFICATIONS) }, timeout: fakeTimeout });
    const response = track(handler(request('GET', '/dashboard'), { userId: 7 }));
    await flush();
    await expectAnswer(valueOf(response), 200);
    await collectGarbage();
    const kept = seen.filter((ref) => ref.deref() !== undefined).length;
    expect(kept, 'the signal the calls received is still in memory after the 200: remove your \'abort\' listener from it in a finally').toBe(0);
  });

  it('gives each overlapping request its own calls: one request’s failure aborts nothing of another’s', async () => {
    const fakes = new Map<number, ReturnType<typeof fakeServices>>([
      [7, fakeServices({ profile: ok(100), invoices: ok(100), notifications: ok(100) })],
      [13, fakeServices({ profile: ok(100), invoices: { ms: 20, fail: true }, notifications: ok(100) })],
    ]);
    // One handler, as a server builds it; each user's calls go to that user's fakes.
    const pick = (name: Name) => (userId: number, signal: AbortSignal) => (fakes.get(userId)!.services[name] as (u: number, s: AbortSignal) => Promise<unknown>)(userId, signal);
    const handler = makeDashboard({ services: { profile: pick('profile'), invoices: pick('invoices'), notifications: pick('notifications') } as Services, timeout: fakeTimeout });
    const ada = track(handler(request('GET', '/dashboard'), { userId: 7 }));
    const other = track(handler(request('GET', '/dashboard'), { userId: 13 }));
    await vi.advanceTimersByTimeAsync(20);
    await expectAnswer(valueOf(other), 502);
    const aborted = NAMES.filter((name) => fakes.get(7)!.signals[name]!.aborted);
    expect(aborted, `another user’s failing request aborted this request’s ${aborted.join(', ')}: make the controller per request, inside the handler`).toEqual([]);
    await vi.advanceTimersByTimeAsync(80);
    await expectAnswer(valueOf(ada), 200);
  });

  it('gives every request its own deadline, counted from its own start', async () => {
    const s = fakeServices({ profile: ok(1_500), invoices: ok(1_500), notifications: ok(1_500) });
    const timeout = vi.fn(fakeTimeout);
    const handler = makeDashboard({ services: s.services, timeout });
    const first = track(handler(request('GET', '/dashboard'), { userId: 7 }));
    await vi.advanceTimersByTimeAsync(1_000);
    // Started at 1000 ms: its calls answer at 2500 ms, after the first request's deadline but well before its own.
    const second = track(handler(request('GET', '/dashboard'), { userId: 7 }));
    await vi.advanceTimersByTimeAsync(1_500);
    await expectAnswer(valueOf(first), 200);
    expect(second.settled, 'the second request is still pending at 2500 ms').toBe(true);
    const res = await read(valueOf(second));
    expect(res.status, `a request started at 1000 ms whose calls took 1500 ms answered ${res.status}: its deadline must count from its own start (call deps.timeout in the handler)`).toBe(200);
    await expectAnswer(res, 200);
    expect(timeout, 'deps.timeout must be called once per request').toHaveBeenCalledTimes(2);
  });

  it('answers every overlapping request with its own user’s dashboard, whether they share one ctx object or not', async () => {
    const services: Services = {
      profile: async (userId) => {
        await turns(userId % 5);
        return { name: `user ${userId}` };
      },
      invoices: async (userId) => ({ open: userId, overdueCents: 0 }),
      notifications: async (userId) => [{ id: userId, text: `for ${userId}` }],
    };
    const handler = makeDashboard({ services, timeout: fakeTimeout });
    let next = 101;
    await expectOwnResponses({
      makeCtx: () => ({ userId: next++ }),
      call: async (_i, ctx) => {
        const userId = ctx.userId;
        const res = await expectResponse(await handler(request('GET', '/dashboard'), ctx), { status: 200 });
        return { userId, body: res.json };
      },
      check: (_i, { userId, body }) => {
        if (body.profile?.name !== `user ${userId}` || body.invoices?.open !== userId || body.notifications?.[0]?.id !== userId) {
          return `user ${userId} got ${JSON.stringify(body)}`;
        }
      },
    });
  });
});

// ---------------------------------------------------------------- any timing

interface Scenario {
  plans: Plans;
  /** When the client disconnects, if it does. */
  clientAt?: number;
  deadline: DeadlineReason;
}

const AFTER_DEADLINE = 3_500;

/** Distinct times (no two events at the same millisecond, none at the deadline itself), some after the deadline. */
const scenarios: fc.Arbitrary<Scenario> = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: AFTER_DEADLINE }).filter((ms) => ms !== DEADLINE_MS), { minLength: 4, maxLength: 4 }),
    fc.array(fc.record({ fail: fc.boolean(), error: fc.constantFrom<ErrorKind>('Error', 'TimeoutError', 'AbortError'), ignoresSignal: fc.boolean() }), { minLength: 3, maxLength: 3 }),
    fc.boolean(),
    fc.constantFrom<DeadlineReason>('TimeoutError', 'abort()', 'Error'),
  )
  .map(([times, kinds, clientLeaves, deadline]) => {
    const plans = Object.fromEntries(NAMES.map((name, i) => [name, { ms: times[i]!, ...kinds[i]! }])) as Plans;
    return { plans, clientAt: clientLeaves ? times[3] : undefined, deadline };
  });

function describeScenario({ plans, clientAt, deadline }: Scenario): string {
  const calls = NAMES.map((name) => {
    const p = plans[name];
    const what = p.fail ? `fails after ${p.ms} ms${p.error === 'Error' ? '' : ` with a ${p.error}`}` : `answers after ${p.ms} ms`;
    return `${name} ${what}${p.ignoresSignal ? ' (ignores its signal)' : ''}`;
  });
  const client = clientAt === undefined ? 'the client stays' : `the client disconnects at ${clientAt} ms`;
  const reason = deadline === 'TimeoutError' ? 'a TimeoutError' : deadline === 'abort()' ? 'no reason (an AbortError)' : 'an Error';
  return `${calls.join(', ')}; ${client}; the deadline aborts with ${reason}`;
}

/** The first event decides: the first failure (502), every answer (200), the deadline (504) or the client leaving (499). */
function outcome({ plans, clientAt }: Scenario): { at: number; status: Status; failed?: Name } {
  const failing = NAMES.filter((name) => plans[name].fail).sort((a, b) => plans[a].ms - plans[b].ms);
  const events: { at: number; status: Status; failed?: Name }[] = [{ at: DEADLINE_MS, status: 504 }];
  if (failing.length > 0) events.push({ at: plans[failing[0]!].ms, status: 502, failed: failing[0] });
  else events.push({ at: Math.max(...NAMES.map((name) => plans[name].ms)), status: 200 });
  if (clientAt !== undefined) events.push({ at: clientAt, status: 499 });
  return events.sort((a, b) => a.at - b.at)[0]!;
}

describe('dashboard: any timing', () => {
  it('answers 200, 502, 504 or 499 at the moment the first deciding event happens, for any timing of the calls', async () => {
    await checkProperty(
      'the first event decides the answer and when it is given',
      scenarios,
      async (scenario) => {
        const want = outcome(scenario);
        const client = new AbortController();
        if (scenario.clientAt !== undefined) setTimeout(() => client.abort(), scenario.clientAt);
        const s = setup(scenario.plans, { signal: client.signal, deadline: scenario.deadline });
        await vi.advanceTimersByTimeAsync(want.at - 1);
        if (s.response.rejected) return `threw ${String(s.response.error)}; expected ${want.status} at ${want.at} ms`;
        if (s.response.settled) return `answered ${valueOf(s.response).status} before ${want.at} ms; expected ${want.status} at ${want.at} ms`;
        await vi.advanceTimersByTimeAsync(1);
        if (s.response.rejected) return `threw ${String(s.response.error)}; expected ${want.status} at ${want.at} ms`;
        if (!s.response.settled) return `had not answered at ${want.at} ms; expected ${want.status} then`;
        const res = await read(valueOf(s.response));
        if (res.status !== want.status) return `answered ${res.status} ${res.text}; expected ${want.status}`;
        await expectAnswer(res, want.status);
        if (want.status !== 200) {
          const running = NAMES.filter((name) => !s.signals[name]?.aborted);
          if (running.length > 0) return `answered ${want.status} but left ${running.join(', ')} running (its signal not aborted)`;
        }
        if (want.failed) {
          if (s.logError.mock.calls.length !== 1) return `logged ${s.logError.mock.calls.length} time(s) by the time it answered 502; expected the upstream error once`;
          if (s.logError.mock.calls[0]![0] !== s.errors[want.failed]) return `logged ${String(s.logError.mock.calls[0]![0])}; expected ${want.failed}'s error`;
        }
        const left = s.listenersLeft();
        if (left !== 0) return `left ${left} abort listener(s) on request.signal`;
        // Let every straggler finish: the answer stays, nothing rejects unhandled.
        await vi.advanceTimersByTimeAsync(2 * AFTER_DEADLINE);
        await flush();
        if (unhandled.length > 0) return `left an unhandled rejection: ${String(unhandled[0])}`;
      },
      { show: describeScenario, numRuns: 100 },
    );
  });
});
