import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expenseList } from '@exercise/10-where-to-start/port-expense-list';
import { diffJson } from '../../content/10-where-to-start/snippets/json-diff.ts';
import { decimalIntText, queryPairs, toQueryString, valuesOf, type QueryPairs } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, type Verdict } from '../../src/workbook/testing/properties.ts';
import { eachTimeZone } from '../../src/workbook/testing/time-zones.ts';
import { ALICE, BOB, CAROL, USER_IDS, expenses, seedData } from '../fixtures/10-where-to-start.ts';

/** Written by `npm run record:capstone` from the real Django view, on PostgreSQL. */
interface Recorded {
  name: string;
  user: string | null;
  method: string;
  path: string;
  status: number;
  allow?: string;
  body: unknown;
}
const recorded: Recorded[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'recorded/expense-list.json'), 'utf8'),
);

const db = useDatabase('port-expense-list', expenses);

async function call(path: string, userId: number | null = ALICE, method = 'GET') {
  const handle = expenseList({ db: db.pool });
  return read(await handle(request(method, path), { user: userId === null ? null : { id: userId } }));
}

const TOTAL_ROWS = seedData.expenses.length;
const ALICES_ROWS = seedData.expenses.filter((e) => e.owner === 'alice').length;

/**
 * Replays recorded requests and returns one readable paragraph per request
 * that differs. (A few tests that each replay many requests, rather than
 * one test per request: every test starts from a freshly seeded database,
 * and these requests only read.)
 */
async function replay(entries: Recorded[]): Promise<string[]> {
  const failures: string[] = [];
  for (const r of entries) {
    const res = await call(r.path, r.user === null ? null : USER_IDS[r.user]!, r.method);
    const problems: string[] = [];
    if (res.status !== r.status) problems.push(`status: ${r.status} vs ${res.status}`);
    if (r.allow !== undefined && res.headers.get('allow') !== r.allow) {
      problems.push(`header Allow: ${r.allow} vs ${res.headers.get('allow')}`);
    }
    if (r.body !== null) {
      const type = res.headers.get('content-type') ?? '';
      if (!/^application\/json\b/.test(type)) problems.push(`content-type: application/json vs ${type || '(none)'}`);
      else problems.push(...diffJson(r.body, res.json));
    }
    if (problems.length > 0) {
      const path = r.path.length > 80 ? `${r.path.slice(0, 77)}...` : r.path;
      const shown = problems.slice(0, 6).concat(problems.length > 6 ? [`... and ${problems.length - 6} more`] : []);
      failures.push(`"${r.name}": ${r.method} ${path} as ${r.user ?? 'anonymous'}\n    ${shown.join('\n    ')}`);
    }
  }
  return failures;
}

function report(failures: string[], total: number) {
  if (failures.length === 0) return;
  const shown = failures.slice(0, 8).join('\n\n');
  const more = failures.length > 8 ? `\n\n... and ${failures.length - 8} more requests` : '';
  throw new Error(
    `${failures.length} of ${total} recorded Django responses differ (each line: Django's value vs yours):\n\n${shown}${more}`,
  );
}

// ---------------------------------------------------------------- generated query strings

const STATUSES = ['pending', 'approved', 'rejected'];
/** The view's WHOLE: re.compile(r"[1-9][0-9]{0,8}").fullmatch, ASCII digits only. */
const WHOLE = /^[1-9][0-9]{0,8}$/;
const WHOLE_RANGE = { min: 1, max: 999_999_999 };

const valuesFor: Record<string, fc.Arbitrary<string>> = {
  status: fc.constantFrom(...STATUSES, 'APPROVED', 'Approved', ' approved', 'approved ', 'paid', '', 'constructor', '__proto__', 'toString'),
  category: fc.oneof(decimalIntText(WHOLE_RANGE), fc.constantFrom('none', 'None', 'NONE', ' none', '1', '2', '4')),
  q: fc.oneof(
    fc.constantFrom('', ' ', 'taxi', 'TAXI', ' taxi ', 'Lyon', '_', '%', '\\', "o'brien", 'café', 'lunch'),
    fc.tuple(fc.constantFrom('x', '😀', 'é', 'e\u0301'), fc.integer({ min: 98, max: 102 })).map(([c, n]) => [...c.repeat(n)].slice(0, n).join('')),
  ),
  page: fc.oneof(decimalIntText(WHOLE_RANGE), fc.constantFrom('1', '2', '3')),
  per_page: fc.oneof(decimalIntText(WHOLE_RANGE), fc.constantFrom('1', '2', '5', '100', '101')),
};
/** Query strings with any of the view's parameters, often repeated, plus unknown ones now and then. */
const parameters: fc.Arbitrary<QueryPairs> = fc
  .constantFrom(...Object.keys(valuesFor))
  .chain((key) => fc.tuple(fc.constant(key), valuesFor[key]!))
  .map((pair) => [pair] as QueryPairs)
  .chain((first) => queryPairs(Object.keys(valuesFor), fc.oneof(...Object.values(valuesFor)), { maxLength: 4 }).map((rest) => [...first, ...rest]));

/**
 * The view's validation, transcribed: the LAST value of each key (QueryDict.get),
 * checked in the view's order. Returns the parameter Django names, or the filters.
 */
function viewVerdict(pairs: QueryPairs) {
  const last = (key: string) => valuesOf(pairs, key).at(-1);
  const status = last('status');
  if (status !== undefined && !STATUSES.includes(status)) return { bad: 'status' } as const;
  const category = last('category');
  if (category !== undefined && category !== 'none' && !WHOLE.test(category)) return { bad: 'category' } as const;
  const q = last('q') ?? '';
  if ([...q].length > 100) return { bad: 'q' } as const;
  const page = last('page') ?? '1';
  if (!WHOLE.test(page)) return { bad: 'page' } as const;
  const perPage = last('per_page') ?? '20';
  if (!WHOLE.test(perPage) || Number(perPage) > 100) return { bad: 'per_page' } as const;
  return { status, category, q, page: Number(page), perPage: Number(perPage) };
}

/** How many of Alice's rows the filters select, counted plainly (ASCII search text only: case folding beyond ASCII differs between databases). */
async function oracleCount(filters: { status?: string; category?: string; q: string }): Promise<number | undefined> {
  if (!/^[\x20-\x7e]*$/.test(filters.q)) return undefined;
  const { rows } = await db.direct.query(
    `SELECT count(*)::int AS n FROM expenses_expense
      WHERE owner_id = $1
        AND ($2::text IS NULL OR status = $2)
        AND ($3::text IS NULL OR ($3 = 'none' AND category_id IS NULL) OR ($3 <> 'none' AND category_id = $3::int))
        AND ($4 = '' OR strpos(upper(description), upper($4)) > 0)`,
    [ALICE, filters.status ?? null, filters.category ?? null, filters.q],
  );
  return rows[0].n;
}

async function judgeParameters(pairs: QueryPairs): Promise<Verdict> {
  const res = await call(`/api/expenses/?${toQueryString(pairs)}`);
  const want = viewVerdict(pairs);
  const got = `${res.status} ${res.text.slice(0, 160)}`;
  if ('bad' in want) {
    const body = { error: 'invalid_parameter', parameter: want.bad };
    if (res.status !== 400 || diffJson(body, res.json).length > 0) return `was answered ${got}; Django answers 400 ${JSON.stringify(body)}`;
    if (db.queries.length > 0) return `was refused only after ${db.queries.length} statement(s): validate before querying`;
    return;
  }
  if (res.status !== 200 && res.status !== 404) return `was answered ${got}; Django answers 200 (or 404 past the last page)`;
  const count = await oracleCount(want);
  if (count === undefined) return;
  const numPages = Math.max(1, Math.ceil(count / want.perPage));
  if (want.page > numPages) {
    return res.status === 404 && diffJson({ error: 'page_out_of_range' }, res.json).length === 0
      ? undefined
      : `was answered ${got}; Django answers 404 {"error":"page_out_of_range"} (${count} matching rows make ${numPages} page(s))`;
  }
  if (res.status !== 200) return `was answered ${got}; Django answers 200 (${count} matching rows make ${numPages} page(s))`;
  const expected = { count, page: want.page, num_pages: numPages, results: Math.min(want.perPage, count - (want.page - 1) * want.perPage) };
  const actual = { count: res.json.count, page: res.json.page, num_pages: res.json.num_pages, results: res.json.results?.length };
  const differences = diffJson(expected, actual);
  if (differences.length > 0) return `was answered with ${differences.join('; ')} (Django's value vs yours; results is the number of rows)`;
}

const succeeded = recorded.filter((r) => r.status === 200);
const refused = recorded.filter((r) => r.status !== 200);

describe('port-expense-list: parity with the recorded Django responses', () => {
  it(`refuses the ${refused.length} recorded bad requests with Django's status codes and error bodies (HEAD and anonymous ones included)`, async () => {
    report(await replay(refused), refused.length);
  });

  // A server's clock and its database session need not be in UTC: the
  // datetimes must come out as Django writes them wherever both are set.
  eachTimeZone(
    'port-expense-list',
    () => {
      it(`matches Django's JSON for the ${succeeded.length} recorded good requests: rows, order, nulls, money and datetimes`, async () => {
        report(await replay(succeeded), succeeded.length);
      });
    },
    { db },
  );
});

describe('port-expense-list: queries', () => {
  it('sends the same small number of statements for 1, 5 or 100 rows per page (a JOIN, not N+1)', async () => {
    const counts: number[] = [];
    for (const perPage of [1, 5, 100]) {
      db.queries.length = 0;
      const res = await call(`/api/expenses/?per_page=${perPage}`);
      expect(res.status).toBe(200);
      expect(res.json.results).toHaveLength(Math.min(perPage, ALICES_ROWS));
      counts.push(db.queries.length);
    }
    expect(counts[0]).toBeLessThanOrEqual(2);
    expect(new Set(counts).size, `statements per request: ${counts.join(', ')}`).toBe(1);
  });

  it('parameterises every value: user id, filters, search text, limit and offset', async () => {
    await call('/api/expenses/?status=approved&category=1&q=lyon&per_page=7&page=1');
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) {
      expect(q.text).toMatch(/\$1\b/);
      expect(q.text.toLowerCase()).not.toContain('lyon');
      expect(q.text).not.toMatch(/'approved'/);
      expect(q.text).not.toMatch(/(limit|offset)\s+\d/i);
      expect(q.values).toContain(ALICE);
    }
  });

  it('validates any query string as the view does, in its order, naming the first bad parameter, and answers it before querying', async () => {
    await checkProperty('the parameters are judged as the Django view judges them', parameters, judgeParameters, {
      show: (pairs) => `?${toQueryString(pairs)}`,
      numRuns: 150,
      before: () => void (db.queries.length = 0),
    });
  });

  it('answers overlapping requests from three users through one handler, each with their own rows', async () => {
    const handle = expenseList({ db: db.pool });
    const asks = [ALICE, BOB, CAROL, ALICE, BOB, CAROL].map((user, i) => ({ user, query: i < 3 ? 'per_page=100' : 'per_page=2&page=1' }));
    const alone: unknown[] = [];
    for (const { user, query } of asks) alone.push((await call(`/api/expenses/?${query}`, user)).json);
    const together = await overlapping(asks.length, async (i) =>
      read(await handle(request('GET', `/api/expenses/?${asks[i]!.query}`), { user: { id: asks[i]!.user } })),
    );
    together.forEach((res, i) => expect(res.json, `request ${i + 1}: user ${asks[i]!.user}, ?${asks[i]!.query}`).toEqual(alone[i]));
  });

  it('answers a malformed parameter without querying the database', async () => {
    for (const query of ['page=0', 'per_page=101', 'status=paid', 'category=1;DROP']) {
      db.queries.length = 0;
      expect((await call(`/api/expenses/?${query}`)).status).toBe(400);
      expect(db.queries, query).toHaveLength(0);
    }
  });
});

describe('port-expense-list: attacks and edges beyond the recording', () => {
  it('walks every page of one row each and sees every row exactly once, in order', async () => {
    const first = await call('/api/expenses/?per_page=1');
    const seen: number[] = [];
    for (let page = 1; page <= first.json.num_pages; page++) {
      const res = await call(`/api/expenses/?per_page=1&page=${page}`);
      seen.push(...res.json.results.map((r: { id: number }) => r.id));
    }
    const all = await call('/api/expenses/?per_page=100');
    expect(seen).toEqual(all.json.results.map((r: { id: number }) => r.id));
    expect(new Set(seen).size).toBe(ALICES_ROWS);
  });

  it('never returns another user’s expense, whatever the filters', async () => {
    const { rows } = await db.direct.query('SELECT id, owner_id FROM expenses_expense');
    const owner = new Map(rows.map((r: { id: number; owner_id: number }) => [r.id, r.owner_id]));
    for (const user of [ALICE, BOB, CAROL]) {
      for (const query of ['per_page=100', 'category=4&per_page=100', 'category=1&per_page=100', 'q=lunch&per_page=100', 'category=none&per_page=100']) {
        const res = await call(`/api/expenses/?${query}`, user);
        expect(res.status).toBe(200);
        for (const r of res.json.results) expect(owner.get(r.id), `${query} as user ${user}`).toBe(user);
      }
    }
  });

  it('stores nothing and drops nothing when the search text is SQL', async () => {
    const res = await call(`/api/expenses/?q=${encodeURIComponent("'; DELETE FROM expenses_expense; --")}`);
    expect(res.status).toBe(200);
    expect(res.json.count).toBe(0);
    const { rows } = await db.direct.query('SELECT count(*)::int AS n FROM expenses_expense');
    expect(rows[0].n).toBe(TOTAL_ROWS);
  });

  it('leaves Object.prototype alone with __proto__ and constructor parameters', async () => {
    const res = await call('/api/expenses/?__proto__[polluted]=1&constructor[prototype][polluted]=1&__proto__=x&per_page=2');
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('rejects a page number past the int range with a 400, not a 500', async () => {
    expect((await call('/api/expenses/?page=2147483648')).json).toEqual({ error: 'invalid_parameter', parameter: 'page' });
    expect((await call('/api/expenses/?per_page=99999999999999999999')).status).toBe(400);
  });

  it('reads the last value of any repeated parameter, as Django’s QueryDict.get() does', async () => {
    const res = await call('/api/expenses/?category=abc&category=none&per_page=1&per_page=2');
    expect(res.status).toBe(200);
    expect(res.json.count).toBe(4);
    expect(res.json.results).toHaveLength(2);
  });

  it('keeps an empty note as "" and a missing one as null', async () => {
    const res = await call('/api/expenses/?per_page=100');
    const byId = new Map(res.json.results.map((r: { id: number }) => [r.id, r]));
    expect(byId.get(3)).toMatchObject({ note: '' });
    expect(byId.get(1)).toMatchObject({ note: null });
  });
});
