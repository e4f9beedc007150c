import { describe, expect, it, vi } from 'vitest';
import {
  abortListeners,
  expectListenersRestored,
  expectOneWinner,
  expectOwnResponses,
  expectTimersRestored,
  overlapping,
  pendingTimers,
  turns,
} from '../../src/workbook/testing/leaks.ts';

async function complaint(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('abort listeners', () => {
  it('counts listeners and passes a call that removes its own', async () => {
    const signal = new AbortController().signal;
    const tidy = async () => {
      const onAbort = () => {};
      signal.addEventListener('abort', onAbort);
      await turns(1);
      signal.removeEventListener('abort', onAbort);
      return 'done';
    };
    expect(await expectListenersRestored(signal, tidy)).toBe('done');
    expect(abortListeners(signal)).toBe(0);
  });

  it('fails a call that leaves one behind, even when it throws', async () => {
    const signal = new AbortController().signal;
    const leaky = async () => {
      signal.addEventListener('abort', () => {});
      throw new Error('boom');
    };
    expect(await complaint(() => expectListenersRestored(signal, leaky, 'fetchAll()'))).toMatch(/fetchAll\(\) left 1 abort listener/);
  });

  it('rethrows the call’s own error when no listener leaked', async () => {
    const signal = new AbortController().signal;
    expect(await complaint(() => expectListenersRestored(signal, () => Promise.reject(new Error('own'))))).toBe('own');
  });
});

describe('timers', () => {
  it('passes a call that clears its timer and fails one that does not', async () => {
    const before = pendingTimers();
    const tidy = () => clearTimeout(setTimeout(() => {}, 60_000));
    expect(await complaint(() => expectTimersRestored(tidy))).toBe('');
    let left: NodeJS.Timeout | undefined;
    const leaky = () => {
      left = setTimeout(() => {}, 60_000);
    };
    expect(await complaint(() => expectTimersRestored(leaky, 'withTimeout()'))).toMatch(/withTimeout\(\) left 1 timer/);
    clearTimeout(left);
    expect(pendingTimers()).toBe(before);
  });

  it('keeps turning under fake timers (it does not use the faked setImmediate)', async () => {
    vi.useFakeTimers();
    try {
      await turns(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('overlapping requests', () => {
  it('starts every call before any finishes, and keeps call order in the results', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const results = await overlapping(4, async (i) => {
      started.push(i);
      await turns(4 - i);
      finished.push(i);
      return i * 10;
    });
    expect(results).toEqual([0, 10, 20, 30]);
    expect(finished).toEqual([3, 2, 1, 0]);
  });

  interface Ctx {
    user?: { id: number };
  }
  /** The inner handler answers with the user it finds on ctx, after the later requests have moved on. */
  const inner = async (i: number, ctx: Ctx) => {
    await turns(6 - i);
    return ctx.user?.id;
  };
  const userOf = (i: number) => 101 + i;
  const spec = (middleware: (i: number, ctx: Ctx) => Promise<number | undefined>) => ({
    makeCtx: (): Ctx => ({}),
    call: middleware,
    check: (i: number, got: number | undefined) => (got === userOf(i) ? undefined : `got user ${got}'s answer, not ${userOf(i)}'s`),
  });

  it('passes a middleware that gives the handler a new ctx per request', async () => {
    const good = (i: number, ctx: Ctx) => inner(i, { ...ctx, user: { id: userOf(i) } });
    expect(await complaint(() => expectOwnResponses(spec(good)))).toBe('');
  });

  it('fails a middleware that writes into the shared ctx, naming the request', async () => {
    const mutating = (i: number, ctx: Ctx) => inner(i, Object.assign(ctx, { user: { id: userOf(i) } }));
    expect(await complaint(() => expectOwnResponses(spec(mutating)))).toMatch(/request 1 of 6 \(one ctx shared by all\).*got user 106's answer, not 101's/s);
  });
});

describe('one winner', () => {
  /** An invoice row and a "pay" that reads, waits for the database, then writes. */
  const store = () => ({ status: 'sent' });
  const checkThenAct = (row: { status: string }) => async () => {
    const seen = row.status;
    await turns(1);
    if (seen !== 'sent') return 409;
    row.status = 'paid';
    return 200;
  };
  const atomic = (row: { status: string }) => async () => {
    await turns(1);
    if (row.status !== 'sent') return 409; // read and write in one step, as UPDATE … WHERE status = 'sent' does
    row.status = 'paid';
    return 200;
  };

  it('passes when exactly one writer wins', async () => {
    const pay = atomic(store());
    expect(await expectOneWinner(2, pay, (s) => s === 200)).toEqual([200, 409]);
  });

  it('fails check-then-act, where both win', async () => {
    const pay = checkThenAct(store());
    expect(await complaint(() => expectOneWinner(2, pay, (s) => s === 200, 'pays'))).toMatch(/2 pays started together; exactly one may succeed, 2 did/);
  });
});
