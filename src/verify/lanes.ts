/** Bounded parallelism for verify's browser stage, with results in a fixed order. */

/**
 * How many pages verify's browser stage checks at once: two, one per core.
 * DJTS_BROWSER_LANES=1 runs them one at a time, to measure what lanes buy.
 */
export const LANES = Number(process.env.DJTS_BROWSER_LANES) >= 1 ? Math.floor(Number(process.env.DJTS_BROWSER_LANES)) : 2;

/** Runs `work` over `items`, LANES at a time; results in the items' order. */
export async function inLanes<T, R>(items: readonly T[], work: (item: T) => Promise<R>, lanes = LANES): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}
