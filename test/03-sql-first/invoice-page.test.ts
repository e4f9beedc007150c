import { describe, expect, it } from 'vitest';
import { invoicePage } from '@exercise/03-sql-first/invoice-page';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ACME, ALICE, BOB, INV_001, INV_002, INV_003, sqlFirst } from '../fixtures/03-sql-first.ts';

const db = useDatabase('invoice-page', sqlFirst);

async function page(userId: number, query = '') {
  return read(await invoicePage(request('GET', `/invoices${query}`), { user: { id: userId }, db: db.pool }));
}

/** A fresh user with `count` invoices, each with two line items. */
async function userWithInvoices(count: number): Promise<number> {
  const { rows } = await db.direct.query(`INSERT INTO auth_user (username) VALUES ('u' || $1::text) RETURNING id`, [count]);
  const user = rows[0].id as number;
  const customer = (await db.direct.query('INSERT INTO billing_customer (owner_id, name) VALUES ($1, $2) RETURNING id', [user, 'Bulk Ltd'])).rows[0].id;
  await db.direct.query(
    `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on)
     SELECT $1, $2, 'B-' || n, 'sent', 100, DATE '2026-01-01' + n FROM generate_series(1, $3::int) AS n`,
    [user, customer, count],
  );
  await db.direct.query(
    `INSERT INTO billing_lineitem (invoice_id, description, quantity, unit_price_cents)
     SELECT i.id, d, 1, 50 FROM billing_invoice i, unnest(ARRAY['a', 'b']) AS d WHERE i.owner_id = $1`,
    [user],
  );
  return user;
}

describe('invoice-page', () => {
  it('lists the owner’s invoices, newest first (the higher id first on the same day), with customer, item count and items total', async () => {
    const res = await page(ALICE);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      page: 1,
      invoices: [
        { id: INV_003, number: 'INV-003', status: 'draft', issuedOn: '2026-02-01', customer: { id: ACME, name: 'Acme Corp' }, itemCount: 0, itemsTotalCents: 0 },
        { id: INV_002, number: 'INV-002', status: 'sent', issuedOn: '2026-02-01', customer: { id: ACME, name: 'Acme Corp' }, itemCount: 1, itemsTotalCents: 8990 },
        { id: INV_001, number: 'INV-001', status: 'paid', issuedOn: '2026-01-15', customer: { id: ACME, name: 'Acme Corp' }, itemCount: 2, itemsTotalCents: 15000 },
      ],
    });
  });

  it('keeps an invoice with no line items, counted as 0 items totalling 0 (numbers, not strings or null)', async () => {
    const draft = (await page(ALICE)).json.invoices.find((i: { number: string }) => i.number === 'INV-003');
    expect(draft.itemCount).toBe(0);
    expect(draft.itemsTotalCents).toBe(0);
  });

  it('never shows another owner’s invoices', async () => {
    const numbers = (await page(BOB)).json.invoices.map((i: { number: string }) => i.number);
    expect(numbers).toEqual(['GLX-001']);
  });

  it('issues the same number of statements for 1 invoice as for 50 (no N+1)', async () => {
    const one = await userWithInvoices(1);
    const fifty = await userWithInvoices(50);

    db.queries.length = 0;
    const small = await page(one);
    const forOne = db.queries.length;
    db.queries.length = 0;
    const big = await page(fifty);
    const forFifty = db.queries.length;

    expect(small.json.invoices).toHaveLength(1);
    expect(big.json.invoices).toHaveLength(50);
    expect(big.json.invoices.every((i: { itemCount: number }) => i.itemCount === 2)).toBe(true);
    expect({ forOne, forFifty }).toEqual({ forOne, forFifty: forOne });
    expect(forFifty).toBeLessThanOrEqual(2);
  });

  it('adds money exactly, to the cent, even where floats and int4 would not', async () => {
    await db.direct.query(
      `INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on) VALUES
         ($1, $2, 'CENTS', 'sent', 0, '2026-06-01'), ($1, $2, 'BIG', 'sent', 0, '2026-06-02')`,
      [ALICE, ACME],
    );
    await db.direct.query(
      `INSERT INTO billing_lineitem (invoice_id, description, quantity, unit_price_cents)
       SELECT id, 'Stamp', 1, 29 FROM billing_invoice WHERE number = 'CENTS'
       UNION ALL SELECT id, 'Tower', 1500, 2000000 FROM billing_invoice WHERE number = 'BIG'`,
    );
    const invoices = (await page(ALICE)).json.invoices as { number: string; itemsTotalCents: unknown }[];
    const total = (n: string) => invoices.find((i) => i.number === n)?.itemsTotalCents;
    expect(total('CENTS')).toBe(29);
    expect(total('BIG')).toBe(3_000_000_000);
  });

  it('pages by 50: page 2 continues where page 1 stopped', async () => {
    const user = await userWithInvoices(60);
    const first = (await page(user, '?page=1')).json.invoices as { number: string }[];
    const second = (await page(user, '?page=2')).json.invoices as { number: string }[];
    expect(first).toHaveLength(50);
    expect(second).toHaveLength(10);
    expect(first[0]!.number).toBe('B-60');
    expect(second.at(-1)!.number).toBe('B-1');
  });

  it('passes owner and paging as parameters, never in the SQL text', async () => {
    await page(ALICE, '?page=1');
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) expect(q.text).not.toMatch(new RegExp(`owner_id\\s*=\\s*${ALICE}\\b`));
    expect(db.queries[0]!.values).toContain(ALICE);
  });

  it.each(['0', '-1', 'abc', '1.5', "1; DROP TABLE billing_invoice"])('returns 400 for the page %j without querying', async (p) => {
    const res = await page(ALICE, `?page=${encodeURIComponent(p)}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'invalid_page' });
    expect(db.queries).toHaveLength(0);
  });
});
