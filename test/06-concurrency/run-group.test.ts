import { describe, expect, it } from 'vitest';
import { runGroup, type Task } from '@exercise/06-concurrency/run-group';
import { deferred, expectPending, flush, track, watchUnhandledRejections, type Deferred } from './control.ts';

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
    await expect(runGroup(parent.signal, tasks)).rejects.toBe(reason);
    expect(calls).toHaveLength(0);
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
