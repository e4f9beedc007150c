import { beforeEach, describe, expect, it } from 'vitest';
import { invoiceSearch } from '@exercise/03-sql-first/invoice-search';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ALICE, BOB, INV_001, sqlFirst } from '../fixtures/03-sql-first.ts';

const db = useDatabase('invoice-search', sqlFirst);

// Customers whose names hold the characters users type and SQL cares about.
const TRICKY = ['100% Organic', 'Under_score Inc', 'Back\\slash Co', "O'Brien & Sons", 'Café Ünïcode'];

beforeEach(async () => {
  for (const [i, name] of TRICKY.entries()) {
    const c = await db.direct.query('INSERT INTO billing_customer (owner_id, name) VALUES ($1, $2) RETURNING id', [ALICE, name]);
    await db.direct.query(
      `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on)
       VALUES ($1, $2, $3, 'sent', $4, $5)`,
      [ALICE, c.rows[0].id, `T-${i + 1}`, 1000 * (i + 1), `2026-04-0${i + 1}`],
    );
  }
  db.queries.length = 0;
});

async function search(params: Record<string, string>, userId = ALICE) {
  const qs = new URLSearchParams(params).toString();
  const res = read(await invoiceSearch(request('GET', `/invoices/search?${qs}`), { user: { id: userId }, db: db.pool }));
  return res;
}
const numbers = (res: { json: { invoices: { number: string }[] } }) => res.json.invoices.map((i) => i.number);

async function invoiceCount(): Promise<number> {
  return (await db.direct.query('SELECT count(*)::int AS n FROM billing_invoice')).rows[0].n;
}

describe('invoice-search', () => {
  it('finds invoices by customer name, case-insensitively, with the documented fields', async () => {
    const res = await search({ q: 'acme', sort: 'number' });
    expect(res.status).toBe(200);
    expect(res.json.page).toBe(1);
    expect(res.json.invoices[0]).toEqual({ id: INV_001, number: 'INV-001', status: 'paid', totalCents: 15000, issuedOn: '2026-01-15', customer: 'Acme Corp' });
    expect(numbers(res)).toEqual(['INV-001', 'INV-002', 'INV-003']);
  });

  it('finds invoices by number too', async () => {
    expect(numbers(await search({ q: 'inv-00', sort: '-number' }))).toEqual(['INV-003', 'INV-002', 'INV-001']);
  });

  it('only ever searches the signed-in user’s invoices', async () => {
    expect(numbers(await search({ q: 'Globex' }))).toEqual([]);
    expect(numbers(await search({ q: 'INV' }, BOB))).toEqual([]);
    expect(numbers(await search({ q: '' }, BOB))).toEqual(['GLX-001']);
  });

  it('treats % in the search text as a literal percent sign, not a wildcard', async () => {
    expect(numbers(await search({ q: '%' }))).toEqual(['T-1']);
    expect(numbers(await search({ q: '100%' }))).toEqual(['T-1']);
  });

  it('treats _ as a literal underscore, not "any character"', async () => {
    expect(numbers(await search({ q: '_' }))).toEqual(['T-2']);
  });

  it('treats a backslash as a literal backslash', async () => {
    expect(numbers(await search({ q: '\\' }))).toEqual(['T-3']);
    expect(numbers(await search({ q: 'k\\s' }))).toEqual(['T-3']);
  });

  it('handles quotes and unicode in the search text', async () => {
    expect(numbers(await search({ q: "O'Brien" }))).toEqual(['T-4']);
    expect(numbers(await search({ q: 'Café Ünï' }))).toEqual(['T-5']);
  });

  it('survives SQL in the search text: no error, no match, the table intact', async () => {
    const before = await invoiceCount();
    const res = await search({ q: "'; DROP TABLE billing_invoice; --" });
    expect(res.status).toBe(200);
    expect(res.json.invoices).toEqual([]);
    expect(await invoiceCount()).toBe(before);
  });

  it('sends the search text as a parameter: it never appears in the SQL text', async () => {
    const text = "zz'\"%_\\ü";
    await search({ q: text, sort: '-total', page: '2' });
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) {
      expect(q.text).toMatch(/\$1/);
      expect(q.text).not.toContain(text);
      expect(q.text).not.toContain("zz'");
    }
    expect(db.queries.some((q) => q.values.some((v) => typeof v === 'string' && v.includes('zz')))).toBe(true);
  });

  it.each([
    ['total', ['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'INV-002', 'INV-001', 'INV-003']],
    ['-total', ['INV-003', 'INV-001', 'INV-002', 'T-5', 'T-4', 'T-3', 'T-2', 'T-1']],
    ['issued_on', ['INV-001', 'INV-002', 'INV-003', 'T-1', 'T-2', 'T-3', 'T-4', 'T-5']],
    // INV-002 and INV-003 share a day: the id breaks the tie, ascending ("ties broken by id").
    ['-issued_on', ['T-5', 'T-4', 'T-3', 'T-2', 'T-1', 'INV-002', 'INV-003', 'INV-001']],
  ])('sorts by the allow-listed key %j', async (sort, expected) => {
    expect(numbers(await search({ sort }))).toEqual(expected);
  });

  it('sorts by -issued_on when no sort is given', async () => {
    expect(numbers(await search({}))[0]).toBe('T-5');
  });

  it.each(['id', 'total_cents', 'number; DROP TABLE billing_invoice', '(SELECT 1)', 'Number', ''])(
    'answers 400 for the unknown sort key %j, before querying',
    async (sort) => {
      const res = await search({ q: 'a', sort });
      expect(res.status).toBe(400);
      expect(res.json.error).toBe('invalid_sort');
      expect(db.queries).toHaveLength(0);
      expect(await invoiceCount()).toBe(9);
    },
  );

  it('pages by 10', async () => {
    const c = await db.direct.query('INSERT INTO billing_customer (owner_id, name) VALUES ($1, $2) RETURNING id', [BOB, 'Many']);
    await db.direct.query(
      `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on)
       SELECT $1, $2, 'M-' || lpad(n::text, 2, '0'), 'sent', n, DATE '2026-01-01' + n FROM generate_series(1, 25) AS n`,
      [BOB, c.rows[0].id],
    );
    const p1 = numbers(await search({ q: 'M-', sort: 'number', page: '1' }, BOB));
    const p3 = numbers(await search({ q: 'M-', sort: 'number', page: '3' }, BOB));
    expect(p1).toHaveLength(10);
    expect(p1[0]).toBe('M-01');
    expect(p3).toEqual(['M-21', 'M-22', 'M-23', 'M-24', 'M-25']);
  });

  it.each(['0', '-1', 'x', '1.5'])('answers 400 for the page %j', async (page) => {
    const res = await search({ page });
    expect(res.status).toBe(400);
    expect(db.queries).toHaveLength(0);
  });

  it('answers 400 for a search text over 100 characters', async () => {
    const res = await search({ q: 'a'.repeat(101) });
    expect(res.status).toBe(400);
    expect(db.queries).toHaveLength(0);
  });
});
