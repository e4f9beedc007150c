/** Time as a dependency: the one question handlers ask about it. */

// #region clock
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
// #endregion

// #region fixed
/** A clock a test sets and moves by hand: no sleeping, no fake timers. */
export function fixedClock(iso: string) {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}
// #endregion
