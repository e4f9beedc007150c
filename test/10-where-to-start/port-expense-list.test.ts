import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expenseList } from '@exercise/10-where-to-start/port-expense-list';
import { diffJson } from '../../content/10-where-to-start/snippets/json-diff.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ALICE, BOB, CAROL, USER_IDS, expenses, seedData } from '../fixtures/10-where-to-start.ts';

/** Written by `/usr/bin/python3 scripts/record-capstone.py` from the real Django view. */
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

const succeeded = recorded.filter((r) => r.status === 200);
const refused = recorded.filter((r) => r.status !== 200);

describe('port-expense-list: parity with the recorded Django responses', () => {
  it(`refuses the ${refused.length} recorded bad requests with Django's status codes and error bodies`, async () => {
    report(await replay(refused), refused.length);
  });

  it(`matches Django's JSON for the ${succeeded.length} recorded good requests: rows, order, nulls, money and datetimes`, async () => {
    report(await replay(succeeded), succeeded.length);
  });
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
