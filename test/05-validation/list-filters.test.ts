import { describe, expect, it } from 'vitest';
import { parseListQuery } from '@exercise/05-validation/list-filters';
import { BASE, read } from '../../src/workbook/testing/http.ts';

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
  const res = await read(result.response);
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(res.json.error).toBe('validation_failed');
  return res.json.fields as { path: string; message: string }[];
}

async function expectRejected(query: string, path: string) {
  const fields = await rejected(query);
  expect(fields.map((f) => f.path)).toContain(path);
  for (const f of fields) expect(typeof f.message).toBe('string');
}

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

  it('treats a repeated status as "any of these", in order, without duplicates', () => {
    expect(ok('status=paid&status=sent&status=paid').status).toEqual(['paid', 'sent']);
  });

  it('accepts a one-day range (issued_after equal to issued_before)', () => {
    expect(ok('issued_after=2026-02-01&issued_before=2026-02-01')).toMatchObject({ issued_after: '2026-02-01' });
  });

  it('accepts 29 February in a leap year', () => {
    expect(ok('issued_after=2028-02-29').issued_after).toBe('2028-02-29');
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
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['page=1e1', 'page'],
    ['page=0x10', 'page'],
    ['page=%202', 'page'],
    ['page=', 'page'],
    ['page=two', 'page'],
    ['page=99999999999999999999', 'page'],
    ['per_page=0', 'per_page'],
    ['per_page=101', 'per_page'],
    ['per_page=500', 'per_page'],
  ])('rejects %j instead of guessing a number', async (query, path) => {
    await expectRejected(query, path);
  });

  it.each([
    ['status=unpaid', 'status'],
    ['status=', 'status'],
    ['status=PAID', 'status'],
    ['status=sent&status=lost', 'status'],
  ])('rejects %j: status must be in the allow-list, reported on "status"', async (query, path) => {
    const fields = await rejected(query);
    expect(fields.map((f) => f.path)).toEqual([path]);
  });

  it.each([
    ['issued_after=2026-02-30', 'issued_after'],
    ['issued_after=2026-13-01', 'issued_after'],
    ['issued_after=2026-1-5', 'issued_after'],
    ['issued_after=yesterday', 'issued_after'],
    ['issued_before=2026-01-01T00:00:00Z', 'issued_before'],
    ['issued_before=2027-02-29', 'issued_before'],
  ])('rejects %j: dates are real ISO calendar dates', async (query, path) => {
    await expectRejected(query, path);
  });

  it('rejects a range whose start is after its end, on issued_before', async () => {
    const fields = await rejected('issued_after=2026-03-01&issued_before=2026-02-01');
    expect(fields).toEqual([{ path: 'issued_before', message: expect.any(String) }]);
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

  it('reports every bad parameter at once', async () => {
    const fields = await rejected('page=0&per_page=1000&status=lost&issued_after=nope');
    expect(new Set(fields.map((f) => f.path))).toEqual(new Set(['page', 'per_page', 'status', 'issued_after']));
  });

  it('treats SQL in a parameter as an invalid value', async () => {
    await expectRejected("status=paid'%20OR%201=1--", 'status');
  });
});
