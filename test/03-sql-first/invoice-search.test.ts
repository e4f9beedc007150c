import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invoiceSearch } from '@exercise/03-sql-first/invoice-search';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { decimalIntText, parseSortKey, sortKeyText } from '../../src/workbook/testing/boundaries.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { ALICE, BOB, INV_001, sqlFirst } from '../fixtures/03-sql-first.ts';
import { insertUsers } from '../fixtures/schema.ts';
import { answered, isFallout, serve } from './serve.ts';

const db = useDatabase('invoice-search', sqlFirst);

// Customers whose names hold the characters users type and SQL cares about.
const TRICKY = ['100% Organic', 'Under_score Inc', 'Back\\slash Co', "O'Brien & Sons", 'Café Ünïcode'];

beforeEach(async () => {
  // One statement: this runs before every test. Invoice T-n bills TRICKY[n - 1], issued 2026-04-0n, total n × 1000.
  await db.direct.query(
    `WITH names AS (SELECT name, n::int FROM unnest($2::text[]) WITH ORDINALITY AS t (name, n)),
          customers AS (INSERT INTO billing_customer (owner_id, name) SELECT $1, name FROM names ORDER BY n RETURNING id, name)
     INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on)
     SELECT $1, customers.id, 'T-' || names.n, 'sent', 1000 * names.n, DATE '2026-04-01' + (names.n - 1)
       FROM names JOIN customers USING (name) ORDER BY names.n`,
    [ALICE, TRICKY],
  );
  db.queries.length = 0;
});

function send(params: Record<string, string>, userId = ALICE): Promise<Response> {
  const qs = new URLSearchParams(params).toString();
  return serve(() => invoiceSearch(request('GET', `/invoices/search?${qs}`), { user: { id: userId }, db: db.pool }));
}

const Row = z.strictObject({ id: z.number(), number: z.string(), status: z.string(), totalCents: z.number(), issuedOn: z.string(), customer: z.string() });
const Results = z.strictObject({ page: z.number(), invoices: z.array(Row) });
type Results = z.infer<typeof Results>;
/** 400 bodies: this error code; other fields (such as the allowed sort keys) are welcome. */
const error = (code: string) => (json: { error?: unknown }) => (json?.error === code ? undefined : `expected {"error": "${code}", …}`);

async function search(params: Record<string, string>, userId = ALICE): Promise<Results> {
  return (await expectResponse(await send(params, userId), { status: 200, json: Results })).json;
}
const numbers = (body: Results) => body.invoices.map((i) => i.number);

async function invoiceCount(): Promise<number> {
  return (await db.direct.query('SELECT count(*)::int AS n FROM billing_invoice')).rows[0].n;
}

/** A user's invoices as the grader reads them, for the oracles below. */
interface Stored {
  id: number;
  number: string;
  total: number;
  day: string;
  customer: string;
}
async function stored(userId: number): Promise<Stored[]> {
  const { rows } = await db.direct.query(
    `SELECT i.id, i.number, i.total_cents AS total, i.issued_on::text AS day, c.name AS customer
       FROM billing_invoice i JOIN billing_customer c ON c.id = i.customer_id WHERE i.owner_id = $1`,
    [userId],
  );
  return rows as Stored[];
}

const FIELDS = { number: 'number', issued_on: 'day', total: 'total' } as const;
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** The brief's order: the key (descending with "-"), then the id, ascending, whatever the key's direction. */
function ordered(rows: Stored[], sort: string): Stored[] {
  const key = parseSortKey(sort, Object.keys(FIELDS))!;
  const field = FIELDS[key.field as keyof typeof FIELDS];
  return [...rows].sort((a, b) => (key.descending ? -1 : 1) * compare(a[field], b[field]) || a.id - b.id);
}

const SORTS = ['number', '-number', 'issued_on', '-issued_on', 'total', '-total'];
/** The largest page every answer must serve (an empty list past the end); above it, a 400 is allowed too. */
const SERVED_PAGES = 10_000;

describe('invoice-search', () => {
  eachTimeZone(
    'invoice-search',
    () => {
      it('finds invoices by customer name, case-insensitively, with the documented fields and the date as written', async () => {
        const res = await search({ q: 'acme', sort: 'number' });
        expect(res.page).toBe(1);
        expect(res.invoices.map((i) => i.issuedOn), 'issuedOn, as stored').toEqual(['2026-01-15', '2026-02-01', '2026-02-01']);
        expect(res.invoices[0]).toEqual({ id: INV_001, number: 'INV-001', status: 'paid', totalCents: 15000, issuedOn: '2026-01-15', customer: 'Acme Corp' });
        expect(numbers(res)).toEqual(['INV-001', 'INV-002', 'INV-003']);
      });
    },
    { db },
  );

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

  it('matches q as a plain, case-insensitive substring of the number or the customer name, whatever characters it holds', async () => {
    const alices = await stored(ALICE);
    const hay = [...alices.flatMap((r) => [r.number, r.customer]), 'Globex', 'GLX-001'];
    const flip = (c: string) => (c.toUpperCase() === c ? c.toLowerCase() : c.toUpperCase());
    const piece = fc
      .tuple(fc.constantFrom(...hay), fc.nat(), fc.nat(), fc.array(fc.boolean(), { maxLength: 16 }))
      .map(([text, a, b, flips]) => {
        const chars = [...text];
        const start = a % chars.length;
        const cut = chars.slice(start, start + 1 + (b % (chars.length - start)));
        return cut.map((c, i) => (flips[i] && flip(c).length === 1 ? flip(c) : c)).join('');
      });
    const junk = fc.string({ unit: fc.constantFrom('a', 'C', 'o', '%', '_', '\\', "'", ' ', 'é', 'Ü', '-', '0', '1', 'z'), maxLength: 4 });
    await checkProperty(
      'the search rule',
      fc.oneof({ arbitrary: piece, weight: 3 }, { arbitrary: junk, weight: 2 }),
      async (q) => {
        const res = await send({ q, sort: 'number' });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        if (res.status !== 200) return `answered ${await answered(res)}; expected 200`;
        const got = numbers((await expectResponse(res, { status: 200, json: Results })).json as Results);
        const needle = q.toLowerCase();
        const want = ordered(alices, 'number')
          .filter((r) => r.number.toLowerCase().includes(needle) || r.customer.toLowerCase().includes(needle))
          .map((r) => r.number);
        if (JSON.stringify(got) !== JSON.stringify(want)) return `found ${JSON.stringify(got)}; expected ${JSON.stringify(want)}`;
      },
      { show: (q) => `?q=${JSON.stringify(q)}`, numRuns: 50 },
    );
  });

  it('survives SQL in the search text: no error, no match, the table intact', async () => {
    const before = await invoiceCount();
    const res = await search({ q: "'; DROP TABLE billing_invoice; --" });
    expect(res.invoices).toEqual([]);
    expect(await invoiceCount()).toBe(before);
  });

  it('sends the search text as a parameter: it never appears in the SQL text', async () => {
    const text = "zz'\"%_\\ü";
    await send({ q: text, sort: '-total', page: '2' });
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

  it('accepts exactly the six sort keys — constructor, __proto__, toString, NUMBER, " total" and the like are a 400 without querying', async () => {
    const alices = await stored(ALICE);
    await checkProperty(
      'the sort rule',
      sortKeyText(Object.keys(FIELDS)),
      async (sort) => {
        const res = await send({ sort });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        if (!SORTS.includes(sort)) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400 invalid_sort`;
          await expectResponse(res, { status: 400, json: error('invalid_sort') });
          if (db.queries.length > 0) return 'was refused, but only after a query: check the sort before touching the database';
          return;
        }
        if (res.status !== 200) return `answered ${await answered(res)}; expected 200`;
        const got = numbers((await expectResponse(res, { status: 200, json: Results })).json as Results);
        const want = ordered(alices, sort).map((r) => r.number);
        if (JSON.stringify(got) !== JSON.stringify(want)) return `listed ${JSON.stringify(got)}; expected ${JSON.stringify(want)}`;
      },
      { show: (sort) => `?sort=${sort}`, numRuns: 100, before: () => void (db.queries.length = 0) },
    );
  });

  it.each(['id', 'total_cents', 'number; DROP TABLE billing_invoice', '(SELECT 1)', 'Number', ''])(
    'answers 400 for the unknown sort key %j, before querying',
    async (sort) => {
      await expectResponse(await send({ q: 'a', sort }), { status: 400, json: error('invalid_sort') });
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

  it('shows every invoice exactly once across pages, for every sort key, when many share a total and a day (ties broken by id, ascending)', async () => {
    // 25 invoices on two days with two totals, ids stored out of order (8001–8025):
    // each page boundary falls inside a run of equal keys.
    const user = (await db.direct.query(insertUsers([{ id: null, username: 'ties' }], 'id'))).rows[0].id as number;
    const customer = (await db.direct.query('INSERT INTO billing_customer (owner_id, name) VALUES ($1, $2) RETURNING id', [user, 'Tie Corp'])).rows[0].id;
    await db.direct.query(
      `INSERT INTO billing_invoice (id, owner_id, customer_id, number, status, total_cents, issued_on)
       SELECT 8001 + (n * 11) % 25, $1, $2, 'N-' || lpad(n::text, 2, '0'), 'sent', 500 * (1 + n % 2), DATE '2026-05-01' + (n / 13)
         FROM generate_series(0, 24) AS n`,
      [user, customer],
    );
    const rows = await stored(user);
    for (const sort of SORTS) {
      const seen: number[] = [];
      for (const page of ['1', '2', '3', '4']) seen.push(...(await search({ sort, page }, user)).invoices.map((i) => i.id));
      const want = ordered(rows, sort).map((r) => r.id);
      const repeated = seen.filter((id, i) => seen.indexOf(id) !== i);
      expect(repeated, `?sort=${sort}: invoices shown on two pages (equal keys in no fixed order: add the id to ORDER BY)`).toEqual([]);
      expect(seen, `?sort=${sort}, pages 1–4: the key, then the id ascending`).toEqual(want);
    }
  });

  it('reads the page as a positive integer: 01, 1e1, +2, " 2", "" and other look-alikes are a 400 without querying; a page past the end is empty, never a 500', async () => {
    const huge = fc.constantFrom('10001', '999999', '2147483648', '9007199254740993', '99999999999999999999', `1${'0'.repeat(30)}`);
    await checkProperty(
      'the page rule',
      fc.oneof({ arbitrary: decimalIntText({ min: 1, max: SERVED_PAGES }), weight: 4 }, { arbitrary: huge, weight: 1 }),
      async (page) => {
        const res = await send({ page });
        if (await isFallout(res)) return; // an earlier input broke the connection: not this one's fault
        if (!/^[1-9][0-9]*$/.test(page)) {
          if (res.status !== 400) return `was accepted (status ${await answered(res)}); expected 400 invalid_page`;
          await expectResponse(res, { status: 400, json: error('invalid_page') });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        const n = Number(page);
        if (n > SERVED_PAGES && res.status === 400) return void (await expectResponse(res, { status: 400, json: error('invalid_page') }));
        if (res.status !== 200) return `answered ${await answered(res)}; expected 200 with ${n === 1 ? 'the first page' : 'an empty page'}${n > SERVED_PAGES ? ' (or 400 invalid_page)' : ''}`;
        const body = (await expectResponse(res, { status: 200, json: Results })).json as Results;
        if (n <= SERVED_PAGES && body.page !== n) return `answered page ${JSON.stringify(body.page)}; expected ${n}`;
        const want = n === 1 ? 8 : 0;
        if (body.invoices.length !== want) return `listed ${body.invoices.length} invoices; Alice has 8, so expected ${want}`;
      },
      { show: (page) => `?page=${page}`, numRuns: 100, before: () => void (db.queries.length = 0) },
    );
  });

  it('limits q to 100 characters as Python counts them (code points: an emoji is one), else 400 invalid_query without querying', async () => {
    const char = fc.constantFrom('a', 'é', '日', '😀', '𝟘', '👍🏽', ' ');
    await checkProperty(
      'the length rule',
      fc.oneof(
        fc.array(char, { minLength: 90, maxLength: 110 }).map((chars) => chars.join('')),
        // The edge itself: exactly 100 characters pass, 101 do not.
        fc.tuple(fc.constantFrom(100, 101), fc.constantFrom('a', '😀', '日')).map(([n, c]) => c.repeat(n)),
      ),
      async (q) => {
        const res = await send({ q });
        const length = [...q].length;
        if (length > 100) {
          if (res.status !== 400) return `(${length} code points) was accepted (status ${await answered(res)}); expected 400 invalid_query`;
          await expectResponse(res, { status: 400, json: error('invalid_query') });
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before touching the database';
          return;
        }
        if (res.status !== 200) return `(${length} code points, ${q.length} UTF-16 units) answered ${await answered(res)}; expected 200`;
      },
      { show: (q) => `?q=${JSON.stringify(q)}`, numRuns: 60, before: () => void (db.queries.length = 0) },
    );
  });

  it('answers every request on its own terms, one after another and overlapping (no defaults or results carried between requests)', async () => {
    const cases: { user: number; params: Record<string, string>; first: string | undefined }[] = [
      { user: ALICE, params: { sort: 'total' }, first: 'T-1' },
      { user: ALICE, params: {}, first: 'T-5' },
      { user: BOB, params: { q: '' }, first: 'GLX-001' },
      { user: ALICE, params: { q: 'acme', sort: '-number' }, first: 'INV-003' },
      { user: ALICE, params: { page: '2' }, first: undefined },
      { user: ALICE, params: { q: 'under', sort: '-total' }, first: 'T-2' },
    ];
    const judge = (c: (typeof cases)[number], body: Results, when: string) =>
      expect(body.invoices[0]?.number, `user ${c.user} asking for ?${new URLSearchParams(c.params)} (${when})`).toBe(c.first);
    for (const c of cases) judge(c, await search(c.params, c.user), 'one after another');
    const twice = [...cases].reverse().concat(cases);
    const bodies = await overlapping(twice.length, (i) => search(twice[i]!.params, twice[i]!.user));
    twice.forEach((c, i) => judge(c, bodies[i]!, 'overlapping'));
  });
});
