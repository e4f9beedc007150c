import { describe, expect, it } from 'vitest';
import { inLanes, LANES } from '../../src/verify/lanes.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inLanes (verify browser stage: two pages at a time)', () => {
  it('keeps the items order whatever order the work finishes in', async () => {
    const delays = [30, 1, 20, 2, 10, 0];
    expect(await inLanes(delays, async (d) => (await pause(d), d * 2))).toEqual(delays.map((d) => d * 2));
  });

  it('never runs more than LANES at once, and uses them all', async () => {
    let running = 0;
    let most = 0;
    await inLanes(Array.from({ length: 9 }, (_, i) => i), async () => {
      most = Math.max(most, ++running);
      await pause(5);
      running--;
    });
    expect(most).toBe(LANES);
  });

  it('runs two at a time unless DJTS_BROWSER_LANES says otherwise', () => {
    expect(LANES).toBe(process.env.DJTS_BROWSER_LANES ? Math.floor(Number(process.env.DJTS_BROWSER_LANES)) : 2);
  });

  it('handles fewer items than lanes, and none', async () => {
    expect(await inLanes([7], async (x) => x + 1)).toEqual([8]);
    expect(await inLanes([], async (x: number) => x)).toEqual([]);
  });

  it('rejects when a piece of work fails', async () => {
    await expect(inLanes([1, 2, 3], async (x) => { if (x === 2) throw new Error('page 2 broke'); return x; })).rejects.toThrow('page 2 broke');
  });
});
