import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awkwardText,
  decimalIntText,
  headerValue,
  ID_RANGE,
  INT4_MAX,
  INT4_RANGE,
  isoDateText,
  malformedDecimalIntText,
  malformedIsoDate,
  malformedMoney,
  moneyText,
  parseDecimalInt,
  parseIsoDate,
  parseMoney,
  parseSortKey,
  PORT_RANGE,
  PROTOTYPE_NAMES,
  queryPairs,
  sortKeyText,
  toQueryString,
  validDecimalIntText,
  validIsoDate,
  validMoney,
  valuesOf,
} from '../../src/workbook/testing/boundaries.ts';
import { checkProperty, PROPERTY_SEED, PropertyFailure, showInput } from '../../src/workbook/testing/properties.ts';

const sample = <T>(arb: fc.Arbitrary<T>, n = 2000) => fc.sample(arb, { seed: PROPERTY_SEED, numRuns: n });

/** A parser a Django developer might write: Number() and a range check. */
const lenientPage = (text: string) => {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

async function failureOf(run: Promise<void>): Promise<PropertyFailure> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PropertyFailure);
  return error as PropertyFailure;
}

describe('checkProperty', () => {
  const rule = (parse: (t: string) => number | undefined) => (text: string) => {
    const expected = parseDecimalInt(text, { min: 1, max: 1000 });
    const got = parse(text);
    if (expected === undefined && got !== undefined) return 'was accepted; expected 400';
    if (expected !== undefined && got !== expected) return `was read as ${got}; expected ${expected}`;
  };

  it('passes when the rule holds for every generated input', async () => {
    await checkProperty('a page', decimalIntText({ min: 1, max: 1000 }), rule((t) => parseDecimalInt(t, { min: 1, max: 1000 })));
  });

  it('names the shrunk counterexample first, in the learner’s words, and the same one on every run', async () => {
    const run = () =>
      failureOf(checkProperty('a malformed page is a 400', decimalIntText({ min: 1, max: 1000 }), rule(lenientPage), { show: (t) => `page=${t}` }));
    const first = await run();
    expect(first.message).toMatch(/^a malformed page is a 400: `page=.*` was accepted; expected 400$/);
    expect(parseDecimalInt(first.input as string, { min: 1, max: 1000 })).toBeUndefined();
    expect((await run()).message).toBe(first.message);
  });

  it('keeps a thrown assertion’s message and its expected/actual for the diff', async () => {
    const failure = await failureOf(
      checkProperty('doubling', fc.integer({ min: 0, max: 100 }), (n) => {
        expect(n * 2).toBe(n + 2);
      }),
    );
    expect(failure.message).toMatch(/^doubling: `0` fails: expected \+0 to be 2/);
    // Shrunk to the smallest failing integer: 0 (0 × 2 is not 0 + 2).
    expect(failure.input).toBe(0);
    expect((failure as any).expected).toBe(2);
    expect((failure as any).actual).toBe(0);
  });

  it('runs `before` ahead of every input', async () => {
    let resets = 0;
    let dirty = false;
    await checkProperty('fresh state', fc.integer(), () => {
      if (dirty) return 'saw the previous input’s state';
      dirty = true;
    }, { before: () => { resets++; dirty = false; }, numRuns: 30 });
    expect(resets).toBe(30);
  });

  it('shows invisible characters so the learner can see them', () => {
    expect(showInput('1e1')).toBe('1e1');
    expect(showInput(' 1')).toBe('" 1"');
    expect(showInput('')).toBe('""');
    expect(showInput('١')).toBe('"\\u0661"');
    expect(showInput(3)).toBe('3');
  });
});

describe('integer text', () => {
  it.each([
    ['1', 1], ['42', 42], ['2147483647', 2147483647], ['2147483648', 2147483648], ['9007199254740991', 9007199254740991],
    ['0', undefined], ['01', undefined], ['+8', undefined], ['-1', undefined], ['1e1', undefined], ['0x10', undefined],
    [' 1', undefined], ['1 ', undefined], ['١', undefined], ['', undefined], ['1.0', undefined],
    // Past 2^53 − 1: Number() would round these to 9007199254740992, a different id.
    ['9007199254740992', undefined], ['9007199254740993', undefined], ['9223372036854775807', undefined],
  ] as const)('the id oracle reads %j as %j', (text, expected) => {
    expect(parseDecimalInt(text, ID_RANGE)).toBe(expected);
  });

  it('accepts 0 only when the range starts at 0, and ports stop at 65535', () => {
    expect(parseDecimalInt('0', { min: 0, max: 5 })).toBe(0);
    expect(parseDecimalInt('00', { min: 0, max: 5 })).toBeUndefined();
    expect(parseDecimalInt('65535', PORT_RANGE)).toBe(65535);
    expect(parseDecimalInt('65536', PORT_RANGE)).toBeUndefined();
  });

  it('keeps int4 columns at their own range, and compares digits, not rounded numbers, at the edges', () => {
    expect(parseDecimalInt('2147483647', INT4_RANGE)).toBe(INT4_MAX);
    expect(parseDecimalInt('2147483648', INT4_RANGE)).toBeUndefined();
    // One past the edge, where Number() would give the same value as the edge itself.
    expect(parseDecimalInt('9007199254740993', { min: 1, max: 2 ** 53 - 1 })).toBeUndefined();
    expect(() => parseDecimalInt('1', { min: 1, max: 2 ** 53 })).toThrow(RangeError);
  });

  it('generates valid text the oracle accepts, edges included, and malformed text it refuses', () => {
    const valid = sample(validDecimalIntText(ID_RANGE), 300);
    expect(valid.every((t) => parseDecimalInt(t, ID_RANGE) !== undefined)).toBe(true);
    for (const edge of ['1', '2147483647', '2147483648', '9007199254740990', '9007199254740991']) expect(valid).toContain(edge);
    expect(valid.some((t) => Number(t) <= 1000), 'small ids, where the seeded rows are').toBe(true);
    const bad = sample(malformedDecimalIntText(ID_RANGE), 300);
    expect(bad.every((t) => parseDecimalInt(t, ID_RANGE) === undefined)).toBe(true);
    for (const family of [/^0\d/, /^\+\d/, /^-\d/, /^\de/i, /^0x/, /^\s|\s$/, /[\u0660-\u0669\uff10-\uff19]/, /^\d+\.\d*$/, /^$/, /^9007199254740992$/, /^9007199254740993$/]) {
      expect(bad.some((t) => family.test(t)), String(family)).toBe(true);
    }
  });

  it('generates the int4 edge for int4 ranges, as valid and as one past the end', () => {
    expect(sample(validDecimalIntText({ min: 1, max: INT4_MAX }), 300)).toContain('2147483647');
    expect(sample(malformedDecimalIntText({ min: 1, max: INT4_MAX }), 300)).toContain('2147483648');
  });

  it('catches a Number()-based parser that the old fixed list let through', async () => {
    const accepted = sample(decimalIntText(ID_RANGE), 200).filter((t) => parseDecimalInt(t, ID_RANGE) === undefined && lenientPage(t) !== undefined);
    expect(accepted.length).toBeGreaterThan(5);
  });
});

describe('dates', () => {
  it.each([
    ['2026-01-15', true], ['2024-02-29', true], ['2000-02-29', true],
    ['2026-02-29', false], ['2100-02-29', false], ['2026-02-30', false], ['2026-04-31', false], ['2026-13-01', false],
    ['2026-5-1', false], ['2026-05-01T00:00:00Z', false], [' 2026-05-01', false], ['', false],
  ] as const)('the date oracle says %j is valid: %j', (text, ok) => {
    expect(parseIsoDate(text) !== undefined).toBe(ok);
  });

  it('generates days that exist, leaning on month and year ends, and impossible or misshapen days', () => {
    const valid = sample(validIsoDate());
    expect(valid.every((t) => parseIsoDate(t) === t)).toBe(true);
    expect(valid.some((t) => t.endsWith('-12-31'))).toBe(true);
    expect(valid.some((t) => t.endsWith('-02-29'))).toBe(true);
    const bad = sample(malformedIsoDate());
    expect(bad.every((t) => parseIsoDate(t) === undefined)).toBe(true);
    expect(bad).toContain('2026-02-30');
    expect(bad).toContain('2026-5-1');
    // new Date() rolls 2026-02-30 over to 2 March: the trap the oracle must not fall into.
    expect(sample(isoDateText(), 500).some((t) => parseIsoDate(t) === undefined && !Number.isNaN(new Date(t).getTime()))).toBe(true);
  });
});

describe('money', () => {
  it.each([
    ['12', 1200], ['12.5', 1250], ['12.50', 1250], ['0.29', 29], ['4.35', 435], ['0', 0],
    ['1.234', undefined], ['1e2', undefined], ['-1', undefined], ['01.00', undefined], ['.5', undefined], ['1,00', undefined], [' 1', undefined],
  ] as const)('the money oracle reads %j as %j cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it('honours a minimum and maximum, and generates both sides', () => {
    expect(parseMoney('0', { minCents: 1 })).toBeUndefined();
    expect(parseMoney('10.01', { maxCents: 1000 })).toBeUndefined();
    expect(sample(validMoney({ minCents: 1 })).every((t) => (parseMoney(t, { minCents: 1 }) ?? 0) >= 1)).toBe(true);
    expect(sample(malformedMoney()).every((t) => parseMoney(t) === undefined)).toBe(true);
    // Math.round(Number(t) * 100) is right here; Math.floor(Number(t) * 100) is not (0.29 → 28).
    expect(sample(moneyText(), 500).some((t) => parseMoney(t) !== undefined && Math.floor(Number(t) * 100) !== parseMoney(t))).toBe(true);
  });
});

describe('sort keys, query strings, headers, text', () => {
  const allowed = ['issued_on', 'total'];

  it('the sort oracle accepts allowed keys in both directions and nothing an object literal would “find”', () => {
    expect(parseSortKey('-total', allowed)).toEqual({ field: 'total', descending: true });
    expect(parseSortKey('issued_on', allowed)).toEqual({ field: 'issued_on', descending: false });
    expect(parseSortKey('-total', allowed, { descending: false })).toBeUndefined();
    for (const name of PROTOTYPE_NAMES) expect(parseSortKey(name, allowed)).toBeUndefined();
    const generated = sample(sortKeyText(allowed), 500);
    expect(generated).toContain('constructor');
    expect(generated).toContain('__proto__');
    expect(generated).toContain('-total');
  });

  it('repeats keys in query strings and encodes them as a browser does', () => {
    const pairs = sample(queryPairs(['status'], fc.constantFrom('paid', 'a b&c')), 300);
    expect(pairs.some((p) => valuesOf(p, 'status').length > 1)).toBe(true);
    expect(toQueryString([['status', 'a b&c'], ['status', 'paid']])).toBe('status=a+b%26c&status=paid');
    for (const p of pairs) expect(new URLSearchParams(toQueryString(p)).getAll('status')).toEqual(valuesOf(p, 'status'));
  });

  it('generates header values that Headers keeps unchanged', () => {
    for (const value of sample(headerValue())) expect(new Headers({ 'x-test': value }).get('x-test')).toBe(value);
  });

  it('generates whitespace-only and non-ASCII text', () => {
    const texts = sample(awkwardText(), 300);
    expect(texts.some((t) => t.trim() === '')).toBe(true);
    expect(texts.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
  });
});
