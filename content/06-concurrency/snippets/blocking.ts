/**
 * Two requests on one event loop. The report does CPU-bound work; the
 * health check is trivial. `log` records the order things happen in.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { countPrimes } from './primes.ts';

// #region blocking
export function blockingApp(log: string[]) {
  return {
    async report(limit: number) {
      log.push('report: start');
      const primes = countPrimes(limit); // no await: nothing else runs
      log.push('report: done');
      return Response.json({ primes });
    },
    async health() {
      log.push('health: answered');
      return Response.json({ ok: true });
    },
  };
}
// #endregion

// #region yielding
export function yieldingApp(log: string[]) {
  return {
    async report(limit: number, chunk = 10_000) {
      log.push('report: start');
      let primes = 0;
      for (let from = 0; from < limit; from += chunk) {
        primes += countPrimes(Math.min(from + chunk, limit), from);
        // Let queued callbacks (other requests) run between chunks.
        await yieldToLoop();
      }
      log.push('report: done');
      return Response.json({ primes });
    },
    async health() {
      log.push('health: answered');
      return Response.json({ ok: true });
    },
  };
}
// #endregion
