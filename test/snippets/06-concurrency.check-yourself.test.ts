/**
 * Proofs of chapter 6's "Check yourself" answers
 * (content/06-concurrency/check-yourself.ts): timings on vitest's fake clock,
 * and the order of events on the real event loop.
 */
import { afterEach, vi } from 'vitest';
import questions from '../../content/06-concurrency/check-yourself.ts';
import { concurrent, type Upstream } from '../../content/06-concurrency/snippets/fan-out.ts';
import { dashboard } from '../../content/06-concurrency/snippets/errgroup.ts';
import { blockingApp } from '../../content/06-concurrency/snippets/blocking.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

afterEach(() => {
  vi.useRealTimers();
});

type Name = keyof Upstream;

/** Upstream calls that answer (or fail) after a delay on the fake clock, honouring their signal, logging start/end/aborted. */
function fakeApi(ms: Record<Name, number>, fail: Name[] = []) {
  const log: string[] = [];
  const call = (name: Name) => (_userId: number, signal?: AbortSignal) =>
    new Promise<never>((resolve, reject) => {
      log.push(`start ${name}`);
      const timer = setTimeout(() => {
        log.push(`end ${name} at ${Date.now() - t0}`);
        if (fail.includes(name)) reject(new Error(`${name} down`));
        else resolve({} as never);
      }, ms[name]);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        log.push(`aborted ${name}`);
        reject(signal.reason);
      });
    });
  const t0 = Date.now();
  const api: Upstream = { profile: call('profile'), invoices: call('invoices'), notifications: call('notifications') };
  return { api, log };
}

proof('all-duration', async () => {
  vi.useFakeTimers();
  const { api } = fakeApi({ profile: 100, invoices: 300, notifications: 200 });
  const start = Date.now();
  let end = 0;
  const done = concurrent(api, 1).then(() => (end = Date.now()));
  await vi.runAllTimersAsync();
  await done;
  return `${end - start} ms`;
});

proof('all-siblings', async () => {
  vi.useFakeTimers();
  const { api, log } = fakeApi({ profile: 100, invoices: 300, notifications: 200 }, ['profile']);
  const outcome = concurrent(api, 1).then(
    () => 'resolved',
    (e: Error) => e.message,
  );
  await vi.runAllTimersAsync();
  if ((await outcome) !== 'profile down') return `Promise.all settled with ${await outcome}`;
  if (log.includes('aborted invoices')) return 'it is cancelled at 100 ms';
  return log.includes('end invoices at 300') ? 'it runs to its end at 300 ms, and its result is thrown away' : log.join(', ');
});

proof('errgroup-failure', async () => {
  vi.useFakeTimers();
  const { api } = fakeApi({ profile: 10, invoices: 1_000, notifications: 0 }, ['profile']);
  // The deadline as a fake-clock signal: AbortSignal.timeout does not follow fake timers.
  const timeout = (ms: number) => {
    const c = new AbortController();
    setTimeout(() => c.abort(new DOMException('timed out', 'TimeoutError')), ms);
    return c.signal;
  };
  const start = Date.now();
  let answered: string | null = null;
  void dashboard({ api, timeout })(request('GET', '/'), 1).then((res) => (answered = `${res.status} after ${Date.now() - start} ms`));
  // Step the clock one millisecond at a time, so "when" is the first moment it answered.
  while (answered === null && Date.now() - start < 5_000) await vi.advanceTimersByTimeAsync(1);
  return answered;
});

proof('blocking-order', async () => {
  const log: string[] = [];
  const app = blockingApp(log);
  // Two requests arriving back to back: two callbacks queued on the loop, the report first.
  const report = new Promise<Response>((resolve) => setImmediate(() => resolve(app.report(50_000))));
  const health = new Promise<Response>((resolve) => setImmediate(() => resolve(app.health())));
  await Promise.all([report, health]);
  return log.join(', ');
});

proof.everyQuestion();
