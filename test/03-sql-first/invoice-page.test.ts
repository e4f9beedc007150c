import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invoicePage } from '@exercise/03-sql-first/invoice-page';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { decimalIntText } from '../../src/workbook/testing/boundaries.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { answered, isFallout, serve } from './serve.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, GLOBEX, INV_001, INV_002, INV_003, sqlFirst } from '../fixtures/03-sql-first.ts';
import { insertUsers } from '../fixtures/schema.ts';

const db = useDatabase('invoice-page', sqlFirst);

function send(userId: number, query = ''): Promise<Response> {
  return serve(() => invoicePage(request('GET', `/invoices${query}`), { user: { id: userId }, db: db.pool }));
}

const Row = z.strictObject({
  id: z.number(),
  number: z.string(),
  status: z.string(),
  issuedOn: z.string(),
  customer: z.strictObject({ id: z.number(), name: z.string() }),
  itemCount: z.number(),
  itemsTotalCents: z.number(),
});
const Page = z.strictObject({ page: z.number(), invoices: z.array(Row) });
type PageBody = z.infer<typeof Page>;
const INVALID_PAGE = { equals: { error: 'invalid_page' } };

async function page(userId: number, query = ''): Promise<PageBody> {
  return (await expectResponse(await send(userId, query), { status: 200, json: Page })).json;
}

/** A fresh user with `count` invoices, each with two line items. */
async function userWithInvoices(count: number): Promise<number> {
  const { rows } = await db.direct.query(insertUsers([{ id: null, username: `u${count}` }], 'id'));
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

/**
 * A fresh user with 120 invoices on only three days, so every page
 * boundary falls inside a run of equal dates. Ids are explicit (7001–7120)
 * and stored out of order, so neither insertion order nor the GROUP BY
 * happens to put equal dates in id order. Returns the ids in the order the
 * brief asks for: newest day first, then the higher id first.
 */
async function userWithTies(): Promise<{ user: number; expected: number[] }> {
  const user = (await db.direct.query(insertUsers([{ id: null, username: 'ties' }], 'id'))).rows[0].id as number;
  const customer = (await db.direct.query('INSERT INTO billing_customer (owner_id, name) VALUES ($1, $2) RETURNING id', [user, 'Tie Corp'])).rows[0].id;
  const { rows } = await db.direct.query(
    `INSERT INTO billing_invoice (id, owner_id, customer_id, number, status, total_cents, issued_on)
     SELECT 7001 + (n * 37) % 120, $1, $2, 'T-' || n, 'sent', 100, DATE '2026-03-01' + n % 3
       FROM generate_series(0, 119) AS n
     RETURNING id, issued_on::text AS day`,
    [user, customer],
  );
  const expected = (rows as { id: number; day: string }[])
    .sort((a, b) => (a.day === b.day ? b.id - a.id : a.day < b.day ? 1 : -1))
    .map((r) => r.id);
  return { user, expected };
}

const ALICES_PAGE: PageBody = {
  page: 1,
  invoices: [
    { id: INV_003, number: 'INV-003', status: 'draft', issuedOn: '2026-02-01', customer: { id: ACME, name: 'Acme Corp' }, itemCount: 0, itemsTotalCents: 0 },
    { id: INV_002, number: 'INV-002', status: 'sent', issuedOn: '2026-02-01', customer: { id: ACME, name: 'Acme Corp' }, itemCount: 1, itemsTotalCents: 8990 },
    { id: INV_001, number: 'INV-001', status: 'paid', issuedOn: '2026-01-15', customer: { id: ACME, name: 'Acme Corp' }, itemCount: 2, itemsTotalCents: 15000 },
  ],
};

/** The largest page every answer must serve (an empty list past the end); above it, a 400 is allowed too. */
const SERVED_PAGES = 10_000;

describe('invoice-page', () => {
  eachTimeZone(
    'invoice-page',
    () => {
      it('lists the owner’s invoices, newest first (the higher id first on the same day), with customer, item count, items total and the date as written', async () => {
        const body = await page(ALICE);
        expect(body.invoices.map((i) => i.issuedOn), 'issuedOn, as stored: 2026-02-01, 2026-02-01, 2026-01-15').toEqual(['2026-02-01', '2026-02-01', '2026-01-15']);
        expect(body.invoices.map((i) => i.number), 'the order: newest issued_on first, the higher id first on the same day').toEqual(['INV-003', 'INV-002', 'INV-001']);
        expect(body).toEqual(ALICES_PAGE);
      });
    },
    { db },
  );

  it('keeps an invoice with no line items, counted as 0 items totalling 0 (numbers, not strings or null)', async () => {
    const draft = (await page(ALICE)).invoices.find((i) => i.number === 'INV-003');
    expect(draft?.itemCount).toBe(0);
    expect(draft?.itemsTotalCents).toBe(0);
  });

  it('never shows another owner’s invoices', async () => {
    const body = await page(BOB);
    expect(body.invoices.map((i) => i.number)).toEqual(['GLX-001']);
    expect(body.invoices[0]).toMatchObject({ id: BOBS_INVOICE, customer: { id: GLOBEX, name: 'Globex' } });
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

    expect(small.invoices).toHaveLength(1);
    expect(big.invoices).toHaveLength(50);
    expect(big.invoices.every((i) => i.itemCount === 2)).toBe(true);
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
    const { invoices } = await page(ALICE);
    const total = (n: string) => invoices.find((i) => i.number === n)?.itemsTotalCents;
    expect(total('CENTS')).toBe(29);
    expect(total('BIG')).toBe(3_000_000_000);
  });

  it('pages by 50: page 2 continues where page 1 stopped', async () => {
    const user = await userWithInvoices(60);
    const first = (await page(user, '?page=1')).invoices;
    const second = (await page(user, '?page=2')).invoices;
    expect(first).toHaveLength(50);
    expect(second).toHaveLength(10);
    expect(first[0]!.number).toBe('B-60');
    expect(second.at(-1)!.number).toBe('B-1');
  });

  it('shows every invoice exactly once across pages of 50, even when many share a day (ties broken by the higher id first)', async () => {
    const { user, expected } = await userWithTies();
    const pages = [];
    for (const n of [1, 2, 3, 4]) {
      const body = await page(user, `?page=${n}`);
      expect(body.page, `?page=${n}`).toBe(n);
      pages.push(body.invoices.map((i) => i.id));
    }
    expect(pages.map((p) => p.length), 'page sizes for 120 invoices: 50, 50, 20, then an empty page').toEqual([50, 50, 20, 0]);
    const seen = pages.flat();
    const repeated = seen.filter((id, i) => seen.indexOf(id) !== i);
    expect(repeated, 'invoices shown on two pages (the order of equal dates is not fixed: add the id to ORDER BY)').toEqual([]);
    seen.forEach((id, i) => {
      if (id !== expected[i]) {
        throw new Error(`position ${i + 1} (page ${Math.floor(i / 50) + 1}) shows invoice ${id}, expected ${expected[i]}: order by issued_on DESC, then id DESC`);
      }
    });
  });

  it('reads the page as a positive integer: ?page= absent is page 1; 01, 1e1, +2, " 2", "" and other look-alikes are a 400 without querying; a page past the end is empty, never a 500', async () => {
    const huge = fc.constantFrom('10001', '999999', '2147483648', '9007199254740993', '99999999999999999999', `1${'0'.repeat(30)}`);
    await checkProperty(
      'the page rule',
      fc.oneof({ arbitrary: decimalIntText({ min: 1, max: SERVED_PAGES }), weight: 4 }, { arbitrary: huge, weight: 1 }, { arbitrary: fc.constant(null), weight: 1 }),
      async (text) => {
        const res = await send(ALICE, text === null ? '' : `?page=${encodeURIComponent(text)}`);
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        const positive = text === null || /^[1-9][0-9]*$/.test(text);
        if (!positive) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400 invalid_page`;
          await expectResponse(res, { status: 400, json: INVALID_PAGE });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        const n = text === null ? 1 : Number(text);
        if (n > SERVED_PAGES && res.status === 400) return void (await expectResponse(res, { status: 400, json: INVALID_PAGE }));
        if (res.status !== 200) return `answered ${await answered(res)}; expected 200 with ${n === 1 ? 'the first page' : 'an empty page'}${n > SERVED_PAGES ? ' (or 400 invalid_page)' : ''}`;
        const body = (await expectResponse(res, { status: 200, json: Page })).json as PageBody;
        if (n <= SERVED_PAGES && body.page !== n) return `answered page ${JSON.stringify(body.page)}; expected ${n}`;
        const want = n === 1 ? 3 : 0;
        if (body.invoices.length !== want) return `listed ${body.invoices.length} invoices; Alice has 3, so expected ${want}`;
      },
      { show: (text) => (text === null ? '/invoices (no page)' : `?page=${text}`), numRuns: 150, before: () => void (db.queries.length = 0) },
    );
  });

  it('answers every request from its own user’s invoices, one after another and overlapping (nothing remembered between requests)', async () => {
    const many = await userWithInvoices(55);
    const cases = [
      { user: ALICE, query: '?page=1', first: 'INV-003', count: 3 },
      { user: BOB, query: '?page=1', first: 'GLX-001', count: 1 },
      { user: many, query: '?page=2', first: 'B-5', count: 5 },
      { user: many, query: '', first: 'B-55', count: 50 },
      { user: BOB, query: '?page=2', first: undefined, count: 0 },
    ];
    const judge = (c: (typeof cases)[number], body: PageBody, when: string) => {
      const got = { first: body.invoices[0]?.number, count: body.invoices.length };
      expect(got, `user ${c.user} asking for /invoices${c.query} (${when})`).toEqual({ first: c.first, count: c.count });
    };
    for (const c of cases) judge(c, await page(c.user, c.query), 'one after another');
    const twice = [...cases].reverse().concat(cases);
    const bodies = await overlapping(twice.length, (i) => page(twice[i]!.user, twice[i]!.query));
    twice.forEach((c, i) => judge(c, bodies[i]!, 'overlapping'));
  });

  it('passes owner and paging as parameters, never in the SQL text', async () => {
    await page(ALICE, '?page=1');
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) expect(q.text).not.toMatch(new RegExp(`owner_id\\s*=\\s*${ALICE}\\b`));
    expect(db.queries[0]!.values).toContain(ALICE);
  });
});
