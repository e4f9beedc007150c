/**
 * The watchdog's decisions, on an injected clock and hand-written heartbeats:
 * a blocked event loop is a loop, a slow but beating worker is never one.
 */
import { describe, expect, it } from 'vitest';
import type { Beat } from '../../src/workbook/grading/heartbeat.ts';
import { Watchdog, type WatchdogLimits } from '../../src/workbook/grading/watchdog.ts';

const limits: WatchdogLimits = { loopMs: 10_000, importMs: 30_000, stallMs: 90_000 };
const FILE = 'test/01-shape-of-a-service/greet.test.ts';

function harness(slowdown = 1) {
  let now = 0;
  const beats = new Map<string, Beat>();
  const dog = new Watchdog(limits, () => new Map(beats), () => now, () => slowdown, 250);
  const beat = (worker: string, file = FILE, project = 'exercises') => {
    const count = (beats.get(worker)?.count ?? 0) + 1;
    beats.set(worker, { count, project, file, heapMb: 20, heapLimitMb: 704 });
  };
  /** Advances the clock tick by tick; `each` runs before every tick (a worker beating). */
  const run = (ms: number, each: () => void = () => {}) => {
    const verdicts = [];
    for (let t = 0; t < ms; t += 250) {
      now += 250;
      each();
      verdicts.push(...dog.tick());
      if (verdicts.length) break;
    }
    return verdicts;
  };
  /** Moves the clock without ticking: nothing ran, the watchdog included. */
  const sleep = (ms: number) => {
    now += ms;
  };
  return { dog, beat, run, sleep };
}

describe('the watchdog', () => {
  it('calls a worker whose heartbeat stopped for the loop limit a loop, not before', () => {
    const { dog, beat, run } = harness();
    dog.queued('exercises', FILE);
    beat('1-1');
    expect(run(2_000, () => beat('1-1'))).toEqual([]);
    expect(run(9_750)).toEqual([]);
    const [verdict] = run(1_000);
    expect(verdict).toMatchObject({ file: FILE, reason: 'loop', limitMs: 10_000 });
    expect(verdict!.detail).toMatch(/loop that never ends/);
  });

  it('never calls a slow worker stuck, however long its file runs, while it beats and tests finish', () => {
    const { dog, beat, run } = harness();
    dog.queued('exercises', FILE);
    let ticks = 0;
    // A beat every 4 s (a machine so busy the 250 ms timer is 16 times late), a test every 60 s.
    const verdicts = run(600_000, () => {
      ticks += 1;
      if (ticks % 16 === 0) beat('1-1');
      if (ticks === 4) dog.collected('exercises', FILE);
      if (ticks % 240 === 0) dog.progressed('exercises', FILE);
    });
    expect(verdicts).toEqual([]);
  });

  it('grows every limit with the machine slowdown', () => {
    const { dog, beat, run } = harness(3);
    dog.queued('exercises', FILE);
    beat('1-1');
    expect(run(29_000)).toEqual([]);
    expect(run(2_000)).toMatchObject([{ reason: 'loop', limitMs: 30_000 }]);
  });

  it('reports an import that never finishes while the worker is alive (a never-settling top-level await)', () => {
    const { dog, beat, run } = harness();
    dog.queued('exercises', FILE);
    const verdicts = run(40_000, () => beat('1-1'));
    expect(verdicts).toMatchObject([{ reason: 'never-settles', limitMs: 30_000 }]);
    expect(verdicts[0]!.detail).toMatch(/loading the exercise/);
  });

  it('after the import, allows vitest its own timeouts before calling a file that finishes no test stuck', () => {
    const { dog, beat, run } = harness();
    dog.queued('exercises', FILE);
    beat('1-1');
    dog.collected('exercises', FILE);
    expect(run(89_000, () => beat('1-1'))).toEqual([]);
    expect(run(2_000, () => beat('1-1'))).toMatchObject([{ reason: 'never-settles' }]);
  });

  it('does not count time the watchdog itself was not running (a suspended laptop)', () => {
    const { dog, beat, run, sleep } = harness();
    dog.queued('exercises', FILE);
    beat('1-1');
    run(1_000, () => beat('1-1'));
    sleep(300_000);
    expect(dog.tick()).toEqual([]);
    // From here the worker is silent: the loop limit counts from now.
    expect(run(9_500)).toEqual([]);
    expect(run(1_000)).toMatchObject([{ reason: 'loop' }]);
  });

  it('watches the worker that took the file up, not an earlier one still naming it (watch mode re-runs)', () => {
    const { dog, beat, run } = harness();
    for (let i = 0; i < 8; i++) beat('1-1'); // an earlier run of the same file, in a worker still alive and beating
    dog.queued('exercises', FILE);
    beat('1-2'); // the worker of this run: it beats once, then its loop blocks it
    const verdicts = run(12_000, () => beat('1-1'));
    expect(verdicts).toMatchObject([{ reason: 'loop' }]);
  });

  it('counts a worker that took the file up just before the watchdog heard of it as this run\'s', () => {
    const { dog, beat, run } = harness();
    beat('1-3'); // its first beat lands before the queued event is handled; then its loop blocks it
    dog.queued('exercises', FILE);
    expect(run(12_000)).toMatchObject([{ reason: 'loop' }]);
  });

  it('keeps files and projects apart, and forgets a file once it ended', () => {
    const { dog, beat, run } = harness();
    dog.queued('exercises', FILE);
    dog.queued('starters', FILE);
    beat('1-1', FILE, 'exercises');
    beat('1-2', FILE, 'starters');
    const verdicts = run(12_000, () => beat('1-1', FILE, 'exercises'));
    expect(verdicts).toMatchObject([{ project: 'starters', reason: 'loop' }]);
    dog.ended('starters', FILE);
    dog.ended('exercises', FILE);
    expect(dog.running()).toEqual([]);
    expect(dog.stats.map((s) => s.project).sort()).toEqual(['exercises', 'starters']);
  });

  it('measures the longest silence between beats', () => {
    const { dog, beat, run } = harness();
    dog.queued('exercises', FILE);
    beat('1-1');
    run(3_000);
    beat('1-1');
    run(500, () => beat('1-1'));
    dog.ended('exercises', FILE);
    // First seen at the first tick (250 ms), next change seen at 3 250 ms.
    expect(dog.stats[0]!.maxSilenceMs).toBe(3_000);
  });
});
