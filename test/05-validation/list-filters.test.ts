import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseListQuery, STATUSES, type ListQuery } from '@exercise/05-validation/list-filters';
import {
  decimalIntText,
  isoDateText,
  parseDecimalInt,
  parseIsoDate,
  PROTOTYPE_NAMES,
  queryPairs,
  toQueryString,
  validIsoDate,
  type QueryPairs,
} from '../../src/workbook/testing/boundaries.ts';
import { BASE, read } from '../../src/workbook/testing/http.ts';
import { checkProperty, showInput } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';

function parse(query: string) {
  return parseListQuery(new URL(`${BASE}/invoices${query ? `?${query}` : ''}`));
}

function ok(query: string) {
  const result = parse(query);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(query)} to parse`);
  return result.data;
}

async function rejected(query: string) {
  const result = parse(query);
  if (result.ok) throw new Error(`expected ${JSON.stringify(query)} to be rejected, got ${JSON.stringify(result.data)}`);
  const res = await expectResponse(result.response, {
    status: 422,
    json: (body) => {
      if (body?.error !== 'validation_failed') return 'error must be "validation_failed"';
      if (!Array.isArray(body.fields) || body.fields.length === 0) return 'fields must list the problems';
      for (const f of body.fields) if (typeof f?.path !== 'string' || typeof f?.message !== 'string' || !f.message) return 'each field needs a path and a message';
    },
  });
  return res.json.fields as { path: string; message: string }[];
}

async function expectRejected(query: string, path: string) {
  const fields = await rejected(query);
  expect(fields.map((f) => f.path)).toContain(path);
}

// ---------------------------------------------------------------- the oracle

const PAGE = { min: 1, max: 999_999 }; // "at most 6 digits"
const PER_PAGE = { min: 1, max: 100 };
const KNOWN = ['page', 'per_page', 'status', 'issued_after', 'issued_before'];
const isStatus = (text: string): text is ListQuery['status'][number] => (STATUSES as readonly string[]).includes(text);
/** The brief's dates: real calendar days, and no year 0000 (Postgres has none). */
const calendarDate = (text: string) => (parseIsoDate(text) && !text.startsWith('0000') ? text : undefined);

interface Expected {
  /** The filters, when the query is valid. */
  data?: ListQuery;
  /** Paths the 422 must name. */
  required: Set<string>;
}

/** What the brief says a query string means, written out by hand, one rule per parameter. */
function expected(pairs: QueryPairs): Expected {
  const values = new Map<string, string[]>();
  for (const [key, value] of pairs) values.set(key, [...(values.get(key) ?? []), value]);
  const required = new Set<string>([...values.keys()].filter((key) => !KNOWN.includes(key)));
  const single = <T,>(key: string, read: (text: string) => T | undefined, fallback?: T): T | undefined => {
    const given = values.get(key);
    if (!given) return fallback;
    const value = given.length === 1 ? read(given[0]!) : undefined;
    if (value === undefined) required.add(key);
    return value;
  };
  const page = single('page', (t) => parseDecimalInt(t, PAGE), 1);
  const per_page = single('per_page', (t) => parseDecimalInt(t, PER_PAGE), 20);
  const statuses = values.get('status') ?? [];
  if (!statuses.every(isStatus)) required.add('status');
  const issued_after = single('issued_after', calendarDate);
  const issued_before = single('issued_before', calendarDate);
  // "One entry per problem": a reversed range is named even when other parameters are bad too.
  if (issued_after !== undefined && issued_before !== undefined && issued_after > issued_before) required.add('issued_before');
  if (required.size > 0) return { required };
  const data: ListQuery = { page: page!, per_page: per_page!, status: [...new Set(statuses as ListQuery['status'])] };
  if (issued_after !== undefined) data.issued_after = issued_after;
  if (issued_before !== undefined) data.issued_before = issued_before;
  return { data, required };
}

/** How a query reads in a failure message: ?page=01&status=paid, quoted when it hides whitespace or non-ASCII. */
const showQuery = (pairs: QueryPairs) => `?${showInput(pairs.map(([k, v]) => `${k}=${v}`).join('&'))}`;
const sorted = (set: Iterable<string>) => [...set].sort().map((p) => JSON.stringify(p)).join(', ');

/** Judges parseListQuery on one query string against the oracle; a sentence when it disagrees. */
async function judge(pairs: QueryPairs): Promise<string | undefined> {
  const url = new URL(`${BASE}/invoices?${toQueryString(pairs)}`);
  const want = expected([...url.searchParams]); // what the server receives, after URL encoding
  const result = parseListQuery(url);
  if (want.data) {
    if (!result.ok) {
      const body = await read(result.response);
      return `was refused (${body.text}); expected ${JSON.stringify(want.data)}`;
    }
    const got = JSON.stringify(result.data, Object.keys(want.data).concat(Object.keys(result.data)).sort());
    const exp = JSON.stringify(want.data, Object.keys(want.data).concat(Object.keys(result.data)).sort());
    if (got !== exp) return `was read as ${JSON.stringify(result.data)}; expected ${JSON.stringify(want.data)}`;
    return;
  }
  if (result.ok) return `was accepted as ${JSON.stringify(result.data)}; expected a 422 naming ${sorted(want.required)}`;
  const res = await read(result.response);
  if (res.status !== 422) return `was answered ${res.status}; expected 422`;
  await expectResponse(res, { status: 422, json: (body) => (body?.error === 'validation_failed' && Array.isArray(body.fields) ? undefined : 'expected {"error": "validation_failed", "fields": [...]}') });
  const paths = new Set<string>(res.json.fields.map((f: { path: string }) => f.path));
  const missing = [...want.required].filter((p) => !paths.has(p));
  const extra = [...paths].filter((p) => !want.required.has(p));
  if (missing.length || extra.length) return `named ${sorted(paths)}; expected ${sorted(want.required)}`;
  for (const f of res.json.fields) if (typeof f.message !== 'string' || !f.message) return `gave ${JSON.stringify(f)}: every field needs a message`;
}

// ---------------------------------------------------------------- generated query strings

const number = fc.oneof(decimalIntText(PAGE), decimalIntText(PER_PAGE));
const status = fc.oneof(
  { arbitrary: fc.constantFrom(...STATUSES), weight: 4 },
  { arbitrary: fc.constantFrom('PAID', 'Sent', ' paid', 'paid ', '', 'unpaid', 'draft,sent', "paid' OR 1=1--", ...PROTOTYPE_NAMES), weight: 1 },
);
const date = fc.oneof(isoDateText(), fc.constantFrom('0000-01-01', '0000-02-29'));

describe('list-filters', () => {
  it('defaults to page 1, 20 per page, any status, no date range', () => {
    const data = ok('');
    expect(data).toEqual({ page: 1, per_page: 20, status: [] });
    expect(data.issued_after).toBeUndefined();
  });

  it('parses every filter into typed values', () => {
    expect(ok('page=3&per_page=100&status=sent&issued_after=2026-01-01&issued_before=2026-03-31')).toEqual({
      page: 3,
      per_page: 100,
      status: ['sent'],
      issued_after: '2026-01-01',
      issued_before: '2026-03-31',
    });
  });

  it('reads page (1 to 999999) and per_page (1 to 100) only as plain decimal numbers: no sign, exponent, leading zero, hex or spaces', async () => {
    await checkProperty('page and per_page', queryPairs(['page', 'per_page'], number, { maxLength: 3 }), judge, { show: showQuery });
  });

  it.each(['page=1e1', 'page=01', 'per_page=500'])('rejects %j instead of guessing a number', async (query) => {
    await expectRejected(query, query.split('=')[0]!);
  });

  it('treats a repeated status as "any of these", in the order given, without duplicates', async () => {
    expect(ok('status=void&status=draft&status=void').status).toEqual(['void', 'draft']);
    await checkProperty('status', queryPairs(['status'], status, { maxLength: 5 }), judge, { show: showQuery });
  });

  it('rejects an unknown status on the path "status" alone', async () => {
    const fields = await rejected('status=sent&status=lost');
    expect(fields.map((f) => f.path)).toEqual(['status']);
  });

  eachTimeZone('list-filters', () => {
    it('accepts exactly the real calendar dates YYYY-MM-DD for issued_after and issued_before, and keeps them as given', async () => {
      await checkProperty('issued_after and issued_before', queryPairs(['issued_after', 'issued_before'], date, { maxLength: 2 }), judge, {
        show: showQuery,
      });
    });

    it('accepts a range whose start is not after its end, and names issued_before when it is', async () => {
      const range = fc.tuple(validIsoDate(), validIsoDate()).map(([after, before]): QueryPairs => [
        ['issued_after', after],
        ['issued_before', before],
      ]);
      await checkProperty('a date range', range, judge, { show: showQuery, numRuns: 100 });
      expect(ok('issued_after=2026-02-01&issued_before=2026-02-01')).toMatchObject({ issued_after: '2026-02-01', issued_before: '2026-02-01' });
      expect(ok('issued_after=2028-02-29').issued_after).toBe('2028-02-29');
    });
  });

  it.each([
    ['page=2&page=3', 'page'],
    ['per_page=10&per_page=10', 'per_page'],
    ['issued_after=2026-01-01&issued_after=2026-02-01', 'issued_after'],
    ['issued_before=2026-01-01&issued_before=2026-01-01', 'issued_before'],
  ])('rejects %j: a single-valued parameter given twice', async (query, path) => {
    await expectRejected(query, path);
  });

  it.each([
    ['perpage=10', 'perpage'],
    ['issued_afer=2026-01-01', 'issued_afer'],
    ['__proto__=x', '__proto__'],
    ['constructor=x', 'constructor'],
  ])('rejects the unknown parameter %j by name, so a typo is not silently ignored', async (query, path) => {
    await expectRejected(query, path);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads any mix of parameters, repeated or unknown, the way the brief does, and names every bad one at once', async () => {
    const value = fc.oneof(number, status, date, fc.string({ maxLength: 4 }));
    await checkProperty('a query string', queryPairs([...KNOWN, ...PROTOTYPE_NAMES.slice(0, 3)], value, { maxLength: 6 }), judge, { show: showQuery });
    const fields = await rejected('page=0&per_page=1000&status=lost&issued_after=nope');
    expect(new Set(fields.map((f) => f.path))).toEqual(new Set(['page', 'per_page', 'status', 'issued_after']));
    const withRange = await rejected('status=lost&issued_after=2026-03-01&issued_before=2026-02-01');
    expect(new Set(withRange.map((f) => f.path)), 'a reversed range is a problem of its own, also next to a bad status').toEqual(new Set(['status', 'issued_before']));
  });

  it('reports a date that is not a real day once, as that, not also as out of range', async () => {
    const fields = await rejected('issued_after=2026-03-01&issued_before=2026-02-30');
    const before = fields.filter((f) => f.path === 'issued_before');
    expect(before, `2026-02-30 is not a day, so it is not "before" anything; got ${JSON.stringify(before)}`).toHaveLength(1);
  });

  it('treats SQL in a parameter as an invalid value', async () => {
    await expectRejected("status=paid'%20OR%201=1--", 'status');
  });
});
