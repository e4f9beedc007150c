/**
 * Path params arrive as strings. Parse them strictly: the lenient
 * built-ins accept ids no honest client sends.
 */

// #region parse
// #region lenient
// Don't: both "work" in a quick manual test.
export function parseIdLoosely(raw: string) {
  // "1e3" → 1000, " 1" → 1, "0x10" → 16
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function parseIdWithParseInt(raw: string) {
  // "12abc" → 12, "1.5" → 1
  const id = Number.parseInt(raw, 10);
  return id > 0 ? id : null;
}
// #endregion

// #region strict
// Do: decimal digits only. No sign, no spaces,
// no leading zero, and no larger than a JS
// number holds exactly (ids are bigint).
const DIGITS = /^[1-9][0-9]*$/;
export const MAX_ID = Number.MAX_SAFE_INTEGER;

export function parseId(raw: string): number | null {
  if (raw.length > 16) return null;
  if (!DIGITS.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}
// #endregion
// #endregion
