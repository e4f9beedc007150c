/**
 * Three ways a schema says yes to something it should refuse, and the
 * strict version of each. The chapter's tests feed both versions the
 * same input.
 */
import { z } from 'zod';

// #region coerce
// Lax, like a Django form or Pydantic's default mode:
export const CoercedCents = z.coerce.number().int().min(1);
// CoercedCents.parse("100")  → 100
// CoercedCents.parse("1e3")  → 1000
// CoercedCents.parse(" 7 ")  → 7
// CoercedCents.parse(true)   → 1
// CoercedCents.parse([5])    → 5

// Strict: a JSON body has real numbers, so ask for one.
export const Cents = z.int().min(1);
// #endregion

// #region strip
// z.object() drops keys it does not know, without a word.
export const Stripping = z.object({ amount_cents: z.int() });
// Stripping.parse({ amount_cents: 5, owner_id: 2 })
//   → { amount_cents: 5 }: the client never learns owner_id was ignored

// z.strictObject() reports them as issues instead.
export const Rejecting = z.strictObject({ amount_cents: z.int() });
// #endregion

// #region query
// A query string is all strings, so some conversion is unavoidable.
// Convert after a strict pattern, not with z.coerce:
export const PageNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, 'Expected a whole number from 1')
  .transform(Number);
// PageNumber.parse("3") → 3; "", "0", "1e3", " 3", "3.0" all fail
// #endregion

// #region merge
// A recursive "deep assign", the kind found in many utility
// libraries. Fed a parsed body, it writes to Object.prototype.
export function mergeDeep(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'object' && value !== null) {
      target[key] ??= {};
      mergeDeep(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
// #endregion
