/**
 * Generated inputs for the parse/validate boundaries graders share, each
 * with a plain oracle that says what the exercise should make of it.
 *
 * An arbitrary here mixes valid inputs, the edges of the valid range and
 * the malformed look-alikes a hand-rolled parser lets through (`01`, `+8`,
 * `1e1`, `0x10`, ` 1`, `١`, `2026-02-30`, `constructor` …), so a property
 *   checkProperty('the id rule', decimalIntText(ID_RANGE), (text) => …compare with parseDecimalInt(text, ID_RANGE)…)
 * judges the learner's parser on the rule, not on a list it could match.
 * Oracles are deliberately simple (a regular expression, BigInt, a
 * calendar check) so they are obviously right; they never call the code
 * under test.
 */
import fc from 'fast-check';

// ---------------------------------------------------------------- integers

export interface IntRange {
  min: number;
  max: number;
}

/** Postgres `integer` (int4): quantities, prices, total_cents and auth_user.id. */
export const INT4_MAX = 2_147_483_647;
export const INT4_RANGE: IntRange = { min: -2_147_483_648, max: INT4_MAX };
/**
 * An invoice, customer, line item or expense id: Django's BigAutoField is a
 * Postgres bigint, and the workbook's convention (#lib/db, parseInt8) keeps
 * it a JS number only up to Number.MAX_SAFE_INTEGER. Beyond that a number
 * would round to a neighbour, so such an id is treated as one that matches
 * no row (see each exercise's brief for its status).
 */
export const ID_RANGE: IntRange = { min: 1, max: Number.MAX_SAFE_INTEGER };
export const PORT_RANGE: IntRange = { min: 1, max: 65_535 };

/**
 * Values where a parser rounding through Number or capping at a smaller type
 * goes wrong: the int4 edge (the old `integer` id habit), the uint32 edge
 * (`>>> 0`), and 2^53, past which Number("9007199254740993") is 9007199254740992.
 */
const TRAP_INTS: readonly bigint[] = [
  2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n,
  2n ** 53n - 2n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 2n,
];

const assertSafe = ({ min, max }: IntRange): void => {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) throw new RangeError(`range bounds must be safe integers: ${min} … ${max}`);
};

/**
 * The oracle for ids, page numbers, page sizes and ports given as text:
 * ASCII digits only, no sign, no leading zero (except "0" itself), no
 * whitespace, within [min, max]. Returns the number, or undefined.
 */
export function parseDecimalInt(text: string, range: IntRange): number | undefined {
  assertSafe(range);
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return undefined;
  // BigInt compares the digits exactly; Number() is taken only inside a
  // range of safe integers, where it is exact too.
  const value = BigInt(text);
  return value < BigInt(range.min) || value > BigInt(range.max) ? undefined : Number(value);
}

const UNICODE_ZEROS = [0x0660 /* Arabic-Indic */, 0x0966 /* Devanagari */, 0xff10 /* fullwidth */, 0x1d7ce /* mathematical bold */];
const toUnicodeDigits = (digits: string, zero: number) => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');

/** Canonical text for a number in range: the edges and their neighbours often, the rest uniformly. */
export function validDecimalIntText(range: IntRange): fc.Arbitrary<string> {
  assertSafe(range);
  const min = BigInt(range.min);
  const max = BigInt(range.max);
  const inRange = (n: bigint) => n >= min && n <= max;
  const edges = [min, max, min + 1n, max - 1n, 10n, 100n, ...TRAP_INTS].filter(inRange);
  // Uniform over a range up to 2^53 almost never draws a small number, so
  // small ones (where the seeded rows are) get their own share.
  const small = max < 1000n ? max : 1000n;
  return fc
    .oneof(
      { arbitrary: fc.bigInt({ min, max }), weight: 2 },
      { arbitrary: fc.bigInt({ min, max: small > min ? small : min }), weight: 1 },
      { arbitrary: fc.constantFrom(...edges), weight: 2 },
    )
    .map(String);
}

/** Text a strict parser must refuse for this range, built around valid numbers so the malformation is the only fault. */
export function malformedDecimalIntText(range: IntRange): fc.Arbitrary<string> {
  assertSafe(range);
  const max = BigInt(range.max);
  const min = BigInt(range.min);
  const n = fc.bigInt({ min: min > 0n ? min : 0n, max }).map(String);
  // Computed as BigInt and kept as digits: max + 1 for ID_RANGE is 2^53, which
  // Number() would still print exactly, but max * 10 would not.
  const outOfRange = [max + 1n, max + 2n, max * 10n, ...(min > 0n ? [min - 1n] : []), ...TRAP_INTS.filter((t) => t > max)].map(String);
  const candidates = fc.oneof(
    fc.constantFrom(...outOfRange, '99999999999999999999', '9007199254740993'),
    // Its own branch: `get('page') || '1'` and Number('') === 0 hide behind it.
    fc.constant(''),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', '[]', '{}', 'one'),
    n.map((s) => `0${s}`), // leading zero
    n.map((s) => `00${s}`),
    fc.tuple(fc.constantFrom('+', '-'), n).map(([sign, s]) => sign + s),
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom('e', 'E', 'e+', 'e0'), fc.integer({ min: 0, max: 3 })).map(([d, e, k]) => `${d}${e}${k}`),
    fc.tuple(n, fc.constantFrom('.0', '.', '.5', '.00')).map(([s, frac]) => s + frac),
    n.map((s) => `.${s}`),
    n.map((s) => `0x${BigInt(s).toString(16)}`),
    fc.constantFrom('0o7', '0b1', '0X1A', '1_000', '1,000', '1 000'),
    fc.tuple(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff'), n, fc.boolean()).map(([ws, s, before]) => (before ? ws + s : s + ws)),
    fc.tuple(n, fc.constantFrom(...UNICODE_ZEROS)).map(([s, zero]) => toUnicodeDigits(s, zero)),
    fc.tuple(n, fc.constantFrom('abc', 'px', '/', '%20', ';')).map(([s, tail]) => s + tail),
    fc.string({ maxLength: 6 }),
  );
  return candidates.filter((text) => parseDecimalInt(text, range) === undefined);
}

/** Valid and malformed mixed (about one in three valid): for "accepted exactly when the oracle says so". */
export const decimalIntText = (range: IntRange): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: validDecimalIntText(range), weight: 1 }, { arbitrary: malformedDecimalIntText(range), weight: 2 });

// ---------------------------------------------------------------- dates

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** The oracle for a calendar date: exactly YYYY-MM-DD (years 0001–9999) naming a day that exists. Returns the text, or undefined. */
export function parseIsoDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) ? text : undefined;
}

/** Days that exist, leaning on the ones time-zone and calendar bugs move: month ends, year ends, 29 February. */
export function validIsoDate(years: { min: number; max: number } = { min: 1970, max: 2100 }): fc.Arbitrary<string> {
  const any = fc
    .tuple(fc.integer(years), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(Math.min(d, daysIn(y, m)))}`);
  const edges = fc.integer(years).chain((y) =>
    fc.constantFrom(`${pad(y, 4)}-01-01`, `${pad(y, 4)}-12-31`, `${pad(y, 4)}-03-01`, `${pad(y, 4)}-02-${daysIn(y, 2)}`, `${pad(y, 4)}-06-30`),
  );
  return fc.oneof(any, edges, fc.constantFrom('2024-02-29', '2000-02-29', '2026-01-01', '2026-12-31'));
}

/** Text that is not a YYYY-MM-DD day: impossible days, unpadded parts, times, other layouts, look-alike digits. */
export function malformedIsoDate(): fc.Arbitrary<string> {
  const candidates = fc.oneof(
    fc.constantFrom('2026-02-29', '2026-02-30', '2026-02-31', '2100-02-29', '2026-04-31', '2026-06-31', '2026-09-31', '2026-11-31'),
    fc.constantFrom('2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '0000-01-01', '2026-99-99'),
    fc.constantFrom('2026-5-1', '2026-05-1', '2026-5-01', '26-05-01', '02026-05-01', '+002026-05-01'),
    fc.constantFrom('2026-05-01T00:00:00Z', '2026-05-01T00:00', '2026-05-01 00:00', '2026-05-01Z', '2026-05-01+02:00'),
    fc.constantFrom('2026/05/01', '01-05-2026', '05/01/2026', '20260501', '2026-W18', '2026-121', '2026-05', 'May 1, 2026'),
    fc.constantFrom('', 'today', 'now', 'null', 'NaN', '1746057600000', '0'),
    validIsoDate().chain((d) =>
      fc.constantFrom(` ${d}`, `${d} `, `${d}\n`, `\u00a0${d}`, d.replace(/\d/g, (c) => String.fromCodePoint(0xff10 + Number(c))), d.replaceAll('-', '\u2010')),
    ),
  );
  return candidates.filter((text) => parseIsoDate(text) === undefined);
}

export const isoDateText = (): fc.Arbitrary<string> => fc.oneof(validIsoDate(), malformedIsoDate());

// ---------------------------------------------------------------- money

export interface MoneyRule {
  /** Smallest amount in cents (default 0). */
  minCents?: number;
  /** Largest amount in cents (default 100 000 000 00, ten million units). */
  maxCents?: number;
}

/**
 * The oracle for a money amount as text, in cents: digits, optionally a
 * point and one or two decimals ("12", "12.5", "12.50"); no sign, exponent,
 * grouping, leading zero or whitespace. Exact (no floats): "0.29" is 29.
 */
export function parseMoney(text: string, rule: MoneyRule = {}): number | undefined {
  const match = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const cents = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  const { minCents = 0, maxCents = 10_000_000_000 } = rule;
  return cents < BigInt(minCents) || cents > BigInt(maxCents) ? undefined : Number(cents);
}

/** Amounts written the ways a client sends them; includes the float traps (0.29, 4.35, 1.15: ×100 is not exact). */
export function validMoney(rule: MoneyRule = {}): fc.Arbitrary<string> {
  const { minCents = 0, maxCents = 10_000_000_000 } = rule;
  const written = fc.tuple(fc.integer({ min: minCents, max: maxCents }), fc.constantFrom('two', 'short')).map(([cents, style]) => {
    const units = Math.floor(cents / 100);
    const frac = pad(cents % 100);
    if (style === 'two') return `${units}.${frac}`;
    return frac === '00' ? String(units) : frac.endsWith('0') ? `${units}.${frac[0]}` : `${units}.${frac}`;
  });
  const traps = fc.constantFrom('0.29', '4.35', '1.15', '0.07', '19.99', '1.10', '100.01');
  return fc.oneof(written, traps).filter((text) => parseMoney(text, rule) !== undefined);
}

export function malformedMoney(rule: MoneyRule = {}): fc.Arbitrary<string> {
  const candidates = fc.oneof(
    fc.constantFrom('1.234', '1.005', '1e2', '1E2', '-1.00', '+1.00', '-0', '.5', '5.', '01.00', '00.50', '1.0.0', '0x10'),
    fc.constantFrom('1,00', '1,000.00', '1 000', '1_000', '$1', '1 EUR', '1.00€', 'EUR 1'),
    fc.constantFrom('', ' ', 'NaN', 'Infinity', 'null', '１.００', '١٢', ' 1.00', '1.00 ', '1.00\n', '99999999999999999999'),
    fc.constantFrom(String((rule.maxCents ?? 10_000_000_000) / 100 + 1)),
  );
  return candidates.filter((text) => parseMoney(text, rule) === undefined);
}

export const moneyText = (rule: MoneyRule = {}): fc.Arbitrary<string> => fc.oneof(validMoney(rule), malformedMoney(rule));

// ---------------------------------------------------------------- sort keys

/** Names every plain object answers to: a lookup `SORTS[key]` on an object literal "finds" them. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
] as const;

export interface SortKey {
  field: string;
  descending: boolean;
}

/** The oracle: one of `allowed`, optionally prefixed by "-" (descending) when `descending` is allowed. Never an object lookup. */
export function parseSortKey(text: string, allowed: readonly string[], options: { descending?: boolean } = {}): SortKey | undefined {
  const desc = (options.descending ?? true) && text.startsWith('-');
  const field = desc ? text.slice(1) : text;
  return allowed.includes(field) ? { field, descending: desc } : undefined;
}

/** Allowed keys (both directions) mixed with prototype names, case and whitespace variants, doubled signs, lists and junk. */
export function sortKeyText(allowed: readonly string[]): fc.Arbitrary<string> {
  const key = fc.constantFrom(...allowed);
  return fc.oneof(
    { arbitrary: key, weight: 2 },
    { arbitrary: key.map((k) => `-${k}`), weight: 2 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_NAMES).chain((p) => fc.constantFrom(p, `-${p}`)), weight: 3 },
    { arbitrary: key.chain((k) => fc.constantFrom(k.toUpperCase(), ` ${k}`, `${k} `, `--${k}`, `+${k}`, `${k},${k}`, `${k} desc`, `${k}.x`, `-`)), weight: 2 },
    { arbitrary: fc.constantFrom('', 'id; DROP TABLE x', '1', 'null', 'undefined'), weight: 1 },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  );
}

// ---------------------------------------------------------------- query strings

export type QueryPairs = [key: string, value: string][];

/** Key/value pairs with the given keys, repeated more often than not ("status=paid&status=sent"), plus an unknown key now and then. */
export function queryPairs(keys: readonly string[], value: fc.Arbitrary<string>, options: { maxLength?: number } = {}): fc.Arbitrary<QueryPairs> {
  const key = fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 5 }, { arbitrary: fc.constantFrom('unknown', 'Status', '__proto__', ''), weight: 1 });
  return fc.array(fc.tuple(key, value), { maxLength: options.maxLength ?? 4 });
}

/** `a=1&a=2` as a browser would send it (URL-encoded), without the leading "?". */
export const toQueryString = (pairs: QueryPairs): string => new URLSearchParams(pairs).toString();

/** Every value given for `key`, in order (what URLSearchParams.getAll returns). */
export const valuesOf = (pairs: QueryPairs, key: string): string[] => pairs.filter(([k]) => k === key).map(([, v]) => v);

// ---------------------------------------------------------------- headers and text

/**
 * Values `new Headers()` accepts and returns unchanged: visible ASCII and
 * Latin-1, spaces and tabs inside but not at the ends (fetch trims them),
 * no CR, LF or NUL. Commas, quotes and doubled spaces included.
 */
export function headerValue(options: { maxLength?: number } = {}): fc.Arbitrary<string> {
  const char = fc.oneof(
    { arbitrary: fc.integer({ min: 0x21, max: 0x7e }), weight: 8 },
    { arbitrary: fc.constantFrom(0x20, 0x09, 0x2c, 0x22), weight: 2 },
    { arbitrary: fc.integer({ min: 0xa1, max: 0xff }), weight: 1 },
  ).map((code) => String.fromCharCode(code));
  return fc
    .array(char, { minLength: 1, maxLength: options.maxLength ?? 40 })
    .map((chars) => chars.join('').replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((text) => text.length > 0);
}

/** Whitespace-only, non-ASCII, combining, zero-width and right-to-left text: for names, memos, search terms. */
export function awkwardText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(' ', '   ', '\t', '\n', '\u00a0', '\u200b', '\u3000', ' \t\n '),
    fc.constantFrom('Zoë', 'Zoe\u0308', 'Ærø', 'Ñandú', '日本語', 'Ελληνικά', 'עברית', 'مرحبا', '🧾 invoice', '👩‍💻', 'a\u200bb', "O'Brien", '%_\\', 'NULL'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  );
}
