import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runGroup, type Task } from '@exercise/06-concurrency/run-group';
import { abortListeners, expectListenersRestored } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { collectGarbage, deferred, expectPending, flush, track, valueOf, watchUnhandledRejections, type Deferred } from './control.ts';

/** n tasks, each settled by the test through its deferred. */
function controlled(n: number) {
  const calls: { signal: AbortSignal; result: Deferred<string> }[] = [];
  const tasks: Task<string>[] = Array.from({ length: n }, () => (signal: AbortSignal) => {
    const result = deferred<string>();
    calls.push({ signal, result });
    return result.promise;
  });
  return { calls, tasks };
}

/** A task that honours its signal, as fetch() does: rejects with the abort reason. */
function listening(signals: AbortSignal[]): Task<string> {
  return (signal) => {
    signals.push(signal);
    return new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
    });
  };
}

const unhandled = watchUnhandledRejections();

describe('runGroup', () => {
  it('starts every task before any of them settles', async () => {
    const { calls, tasks } = controlled(3);
    const group = track(runGroup(new AbortController().signal, tasks));
    await flush();
    expectPending(group);
    expect(calls).toHaveLength(3);
    calls.forEach((c) => c.result.resolve('x'));
    await flush();
    expect(group.settled).toBe(true);
  });

  it('gives every task an AbortSignal that has not fired', async () => {
    const { calls, tasks } = controlled(2);
    const group = runGroup(new AbortController().signal, tasks);
    await flush();
    for (const c of calls) {
      expect(c.signal).toBeInstanceOf(AbortSignal);
      expect(c.signal.aborted).toBe(false);
    }
    calls.forEach((c) => c.result.resolve('x'));
    await group;
  });

  it('resolves with the results in task order, not finishing order', async () => {
    const { calls, tasks } = controlled(3);
    const group = runGroup(new AbortController().signal, tasks);
    await flush();
    calls[2]!.result.resolve('third');
    await flush();
    calls[0]!.result.resolve('first');
    await flush();
    calls[1]!.result.resolve('second');
    await expect(group).resolves.toEqual(['first', 'second', 'third']);
  });

  it('resolves an empty list of tasks to []', async () => {
    await expect(runGroup(new AbortController().signal, [])).resolves.toEqual([]);
  });

  it('aborts the other tasks’ signal when one task fails', async () => {
    const { calls, tasks } = controlled(3);
    const group = track(runGroup(new AbortController().signal, tasks));
    await flush();
    calls[1]!.result.reject(new Error('invoices down'));
    await flush();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[2]!.signal.aborted).toBe(true);
    expect(group.rejected).toBe(true);
  });

  it('rejects with the first error, not a later one', async () => {
    const { calls, tasks } = controlled(3);
    const group = track(runGroup(new AbortController().signal, tasks));
    await flush();
    const first = new Error('first failure');
    calls[2]!.result.reject(first);
    await flush();
    calls[0]!.result.reject(new Error('second failure'));
    calls[1]!.result.reject(new Error('third failure'));
    await flush();
    expect(group.error).toBe(first);
  });

  it('rejects with the failing task’s error, not the AbortError its siblings throw', async () => {
    const signals: AbortSignal[] = [];
    const boom = new Error('profile down');
    const failing = deferred<string>();
    const group = track(
      runGroup(new AbortController().signal, [listening(signals), () => failing.promise, listening(signals)]),
    );
    await flush();
    failing.reject(boom);
    await flush();
    expect(group.error).toBe(boom);
    expect(group.error).not.toBeInstanceOf(AggregateError);
  });

  it('rejects as soon as one task fails, even when the others ignore their signal', async () => {
    const { calls, tasks } = controlled(3);
    const group = track(runGroup(new AbortController().signal, tasks));
    await flush();
    calls[0]!.result.reject(new Error('down'));
    await flush();
    // calls[1] and calls[2] never settle.
    expect(group.settled).toBe(true);
    expect(group.rejected).toBe(true);
  });

  it('rejects with the parent’s reason when the parent aborts, and aborts the tasks', async () => {
    const parent = new AbortController();
    const { calls, tasks } = controlled(2);
    const group = track(runGroup(parent.signal, tasks));
    await flush();
    const reason = new Error('client went away');
    parent.abort(reason);
    await flush();
    // The tasks ignore their signal: the group must not wait for them.
    expect(group.settled).toBe(true);
    expect(group.error).toBe(reason);
    expect(calls.every((c) => c.signal.aborted)).toBe(true);
  });

  it('starts no task when the parent is already aborted', async () => {
    const parent = new AbortController();
    const reason = new Error('already gone');
    parent.abort(reason);
    const { calls, tasks } = controlled(2);
    const group = track(runGroup(parent.signal, tasks));
    await flush();
    expect(calls, 'tasks were started for a parent that had already aborted').toHaveLength(0);
    expect(group.settled, 'still pending: reject at once with the parent’s reason').toBe(true);
    expect(group.error).toBe(reason);
  });

  it('treats a task that throws synchronously as a failure: a rejection, not a throw', async () => {
    const { calls, tasks } = controlled(1);
    const boom = new Error('sync boom');
    const sync: Task<string> = () => {
      throw boom;
    };
    let result: Promise<string[]> | undefined;
    expect(() => {
      result = runGroup(new AbortController().signal, [...tasks, sync]);
    }).not.toThrow();
    await expect(result).rejects.toBe(boom);
    expect(calls[0]!.signal.aborted).toBe(true);
  });

  it('leaves no unhandled rejection when several tasks fail', async () => {
    const { calls, tasks } = controlled(3);
    const group = track(runGroup(new AbortController().signal, tasks));
    await flush();
    calls[0]!.result.reject(new Error('one'));
    await flush();
    calls[1]!.result.reject(new Error('two'));
    calls[2]!.result.reject(new Error('three'));
    await flush();
    expect((group.error as Error).message).toBe('one');
    await flush(5);
    expect(unhandled).toEqual([]);
  });
});

describe('runGroup: nothing left behind', () => {
  // A parent is often long-lived (a server's shutdown signal, a request with
  // several fan-outs): a listener left on it per call keeps every group's
  // closures alive and warns at the eleventh.
  // Each call settles within a few turns of the event loop (tracked, never
  // awaited), so an answer that hangs fails here instead of timing out.
  const settledWithin = async (parent: AbortSignal, label: string, tasks: Task<string>[], act: () => void) => {
    const group = await expectListenersRestored(parent, async () => {
      const state = track(runGroup(parent, tasks));
      await flush();
      act();
      await flush();
      return state;
    }, label);
    expect(group.settled, `${label}: still pending`).toBe(true);
    return group;
  };

  it('removes the abort listeners it added to the parent once the group resolves', async () => {
    const { calls, tasks } = controlled(3);
    const group = await settledWithin(new AbortController().signal, 'a group that resolved', tasks, () => calls.forEach((c) => c.result.resolve('x')));
    expect(valueOf(group)).toEqual(['x', 'x', 'x']);
  });

  it('removes the abort listeners it added to the parent once a task fails', async () => {
    const { calls, tasks } = controlled(3);
    const group = await settledWithin(new AbortController().signal, 'a group that failed', tasks, () => calls[1]!.result.reject(new Error('down')));
    expect((group.error as Error).message).toBe('down');
  });

  it('removes the abort listeners it added to the parent when the parent aborts', async () => {
    const parent = new AbortController();
    const { tasks } = controlled(2);
    const group = await settledWithin(parent.signal, 'a group whose parent aborted', tasks, () => parent.abort(new Error('client went away')));
    expect((group.error as Error).message).toBe('client went away');
  });

  // Node keeps a signal made by AbortSignal.any() alive, as long as its
  // sources live, for as long as it has an 'abort' listener: a listener not
  // removed after the group settles keeps the signal, and everything its
  // listeners reach, in memory until the parent aborts, which may be never.
  it.each(['resolves', 'fails'] as const)('lets the tasks’ signal be garbage-collected once the group %s, while the parent lives on', async (outcome) => {
    const parent = new AbortController();
    const seen: WeakRef<AbortSignal>[] = [];
    // Made out here: an error's stack holds the functions it was thrown
    // through, and with them the signal, for as long as the error lives.
    const down = new Error('down');
    const task = (i: number): Task<string> => (signal) => {
      seen.push(new WeakRef(signal));
      return outcome === 'fails' && i === 0 ? Promise.reject(down) : Promise.resolve(`r${i}`);
    };
    const group = track(runGroup(parent.signal, [task(0), task(1)]));
    await flush();
    expect(group.settled, 'still pending').toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    await collectGarbage();
    const kept = seen.filter((ref) => ref.deref() !== undefined).length;
    expect(kept, `the signal the tasks received is still in memory after the group ${outcome === 'fails' ? 'failed' : 'resolved'}: remove your 'abort' listener from it in a finally`).toBe(0);
  });

  it('keeps overlapping groups on one parent apart: one group’s failure aborts only its own tasks', async () => {
    const parent = new AbortController().signal;
    const a = controlled(2);
    const b = controlled(2);
    const groupA = track(runGroup(parent, a.tasks));
    const groupB = track(runGroup(parent, b.tasks));
    await flush();
    a.calls[0]!.result.reject(new Error('A failed'));
    await flush();
    expect(groupA.rejected).toBe(true);
    expect(b.calls.map((c) => c.signal.aborted), 'the other group’s tasks were aborted too').toEqual([false, false]);
    expectPending(groupB);
    b.calls.forEach((c, i) => c.result.resolve(`b${i}`));
    await flush();
    expect(valueOf(groupB)).toEqual(['b0', 'b1']);
  });

  it('gives a group started after a failed one a fresh signal that has not fired', async () => {
    const parent = new AbortController().signal;
    const first = controlled(1);
    const failed = track(runGroup(parent, first.tasks));
    await flush();
    first.calls[0]!.result.reject(new Error('first group failed'));
    await flush();
    expect((failed.error as Error).message).toBe('first group failed');
    const second = controlled(2);
    const group = track(runGroup(parent, second.tasks));
    await flush();
    expect(second.calls.map((c) => c.signal.aborted), 'the second group started with an aborted signal').toEqual([false, false]);
    second.calls.forEach((c) => c.result.resolve('ok'));
    await flush();
    expect(valueOf(group)).toEqual(['ok', 'ok']);
  });
});

// ---------------------------------------------------------------- any order of outcomes

type Step = { kind: 'ok' | 'fail'; task: number } | { kind: 'parent' };
interface Schedule {
  n: number;
  steps: Step[];
}

/** n tasks (0–5); some of them succeed or fail in a random order, the parent may abort in between; the rest never settle. */
const schedules: fc.Arbitrary<Schedule> = fc.integer({ min: 0, max: 5 }).chain((n) =>
  fc
    .tuple(
      fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i)),
      fc.array(fc.constantFrom<'ok' | 'fail'>('ok', 'fail'), { minLength: n, maxLength: n }),
      fc.option(fc.nat({ max: n }), { nil: undefined }),
    )
    .map(([order, kinds, parentAt]) => {
      const steps: Step[] = order.map((task) => ({ kind: kinds[task]!, task }));
      if (parentAt !== undefined) steps.splice(Math.min(parentAt, steps.length), 0, { kind: 'parent' });
      return { n, steps };
    }),
);

function describeSchedule({ n, steps }: Schedule): string {
  const said = steps.map((s) => (s.kind === 'parent' ? 'the parent aborts' : `task ${s.task} ${s.kind === 'ok' ? 'succeeds' : 'fails'}`));
  const silent = Array.from({ length: n }, (_, i) => i).filter((i) => !steps.some((s) => s.kind !== 'parent' && s.task === i));
  return `${n} task(s): ${[...said, ...(silent.length ? [`task(s) ${silent.join(', ')} never settle`] : [])].join(', then ') || 'nothing happens'}`;
}

/** What an errgroup does with the schedule: the first failure or abort decides, or every success. */
function expected({ n, steps }: Schedule, errors: Map<string, Error>): { after: number; value?: string[]; error?: Error } | undefined {
  if (n === 0) return { after: -1, value: [] };
  const done = new Set<number>();
  for (const [k, step] of steps.entries()) {
    if (step.kind === 'parent') return { after: k, error: errors.get('parent')! };
    if (step.kind === 'fail') return { after: k, error: errors.get(`task ${step.task}`)! };
    done.add(step.task);
    if (done.size === n) return { after: k, value: Array.from({ length: n }, (_, i) => `result ${i}`) };
  }
  return undefined;
}

describe('runGroup: any order of outcomes', () => {
  it('settles like an errgroup for any order of successes, failures and a parent abort', async () => {
    await checkProperty(
      'the group follows the first failure, the parent or every success',
      schedules,
      async (schedule) => {
        const parent = new AbortController();
        const errors = new Map<string, Error>([['parent', new Error('parent aborted')]]);
        for (let i = 0; i < schedule.n; i++) errors.set(`task ${i}`, new Error(`task ${i} failed`));
        const { calls, tasks } = controlled(schedule.n);
        const listenersBefore = abortListeners(parent.signal);
        const group = track(runGroup(parent.signal, tasks));
        await flush();
        if (calls.length !== schedule.n) return `started ${calls.length} of ${schedule.n} tasks at once`;
        const want = expected(schedule, errors);
        for (const [k, step] of [...schedule.steps.entries()]) {
          if (want && want.after < k && !group.settled) return `had not settled after the step that decides it`;
          if (!want || want.after >= k) {
            if (group.settled) return `settled before step ${k + 1}, too early`;
          }
          if (step.kind === 'parent') parent.abort(errors.get('parent'));
          else if (step.kind === 'ok') calls[step.task]!.result.resolve(`result ${step.task}`);
          else calls[step.task]!.result.reject(errors.get(`task ${step.task}`));
          await flush();
        }
        if (!want) return group.settled ? 'settled although no step decides it (tasks still running)' : undefined;
        if (!group.settled) return 'never settled';
        if (want.value) {
          if (group.rejected) return `rejected with "${(group.error as Error)?.message}"; expected the results in task order`;
          expect(group.value).toEqual(want.value);
        } else {
          if (!group.rejected) return `resolved; expected a rejection with "${want.error!.message}"`;
          if (group.error !== want.error) return `rejected with "${(group.error as Error)?.message ?? String(group.error)}"; expected "${want.error!.message}" (the first)`;
          const running = calls.filter((c) => !c.signal.aborted).length;
          if (running > 0) return `left ${running} task signal(s) not aborted after the group rejected`;
        }
        const left = abortListeners(parent.signal) - listenersBefore;
        if (left !== 0) return `left ${left} abort listener(s) on the parent`;
      },
      { show: describeSchedule, numRuns: 150 },
    );
  });
});
