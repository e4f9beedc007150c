import { afterAll, describe, expect, inject, it } from 'vitest';
import { invoiceDetail } from '@exercise/01-shape-of-a-service/invoice-detail';
import { decimalIntText, ID_RANGE, parseDecimalInt } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { startEngine, type EngineHandle, type PoolLike } from '../../src/workbook/testing/engines.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, billing, GLOBEX, INV_001, INV_002, INV_003, NEXT_INVOICE } from '../fixtures/billing.ts';

const db = useDatabase('invoice-detail', billing);

async function detail(id: string, userId = ALICE, pool: PoolLike = db.pool) {
  const ctx = { user: { id: userId }, db: pool, params: { id } };
  return read(await invoiceDetail(request('GET', `/invoices/${encodeURIComponent(id)}`), ctx));
}

const NOT_FOUND = { equals: { error: 'not_found' } };
const INVALID_ID = { equals: { error: 'invalid_id' } };

/** The JSON the seed's invoices must come back as. */
const SEEDED: Record<number, { owner: number; body: object }> = {
  [INV_001]: { owner: ALICE, body: { id: INV_001, number: 'INV-001', status: 'paid', totalCents: 15000, customer: { id: ACME, name: 'Acme Corp' } } },
  [INV_002]: { owner: ALICE, body: { id: INV_002, number: 'INV-002', status: 'sent', totalCents: 8990, customer: { id: ACME, name: 'Acme Corp' } } },
  [INV_003]: { owner: ALICE, body: { id: INV_003, number: 'INV-003', status: 'draft', totalCents: 120000, customer: { id: ACME, name: 'Acme Corp' } } },
  [BOBS_INVOICE]: { owner: BOB, body: { id: BOBS_INVOICE, number: 'GLX-001', status: 'sent', totalCents: 50000, customer: { id: GLOBEX, name: 'Globex' } } },
};

/**
 * An invoice and its customer need not have the same owner (nothing in
 * Django's models says so), and the invoice's owner is the one that counts:
 * Bob's invoice to Alice's customer Acme, Alice's invoice to Bob's Globex.
 */
const BOBS_INVOICE_TO_ACME = NEXT_INVOICE;
const ALICES_INVOICE_TO_GLOBEX = NEXT_INVOICE + 1;
async function insertCrossOwnedInvoices(pool: PoolLike) {
  await pool.query(
    `INSERT INTO billing_invoice (id, owner_id, customer_id, number, status, total_cents, issued_on) VALUES
       ($1, $3, $5, 'GLX-002', 'sent', 7000, '2026-03-01'),
       ($2, $4, $6, 'INV-004', 'paid', 2500, '2026-03-02')`,
    [BOBS_INVOICE_TO_ACME, ALICES_INVOICE_TO_GLOBEX, BOB, ALICE, ACME, GLOBEX],
  );
}
const CROSS_OWNED = {
  [BOBS_INVOICE_TO_ACME]: { id: BOBS_INVOICE_TO_ACME, number: 'GLX-002', status: 'sent', totalCents: 7000, customer: { id: ACME, name: 'Acme Corp' } },
  [ALICES_INVOICE_TO_GLOBEX]: { id: ALICES_INVOICE_TO_GLOBEX, number: 'INV-004', status: 'paid', totalCents: 2500, customer: { id: GLOBEX, name: 'Globex' } },
};

/**
 * pg-mem renames a repeated column (`id`, `id1`), where node-postgres keeps
 * only the last one: `SELECT *` over the JOIN gives the customer's id as the
 * invoice's. A query that could collide is therefore also run on real
 * Postgres (PGlite), started only for such a query, so a correct answer
 * never pays for it.
 */
let realPostgres: EngineHandle | undefined;
afterAll(async () => {
  await realPostgres?.close();
});
async function onRealPostgres(): Promise<EngineHandle> {
  realPostgres ??= await startEngine('pglite', billing, { host: inject('workbookPgliteHost') });
  await realPostgres.reset();
  return realPostgres;
}

/** A pool that remembers the rows it returned, to see pg-mem's renamed duplicates. */
function watchingRows(pool: PoolLike, rows: object[]): PoolLike {
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver);
      return async (text: string, values?: readonly unknown[]) => {
        const result = await target.query(text, values);
        rows.push(...result.rows);
        return result;
      };
    },
  });
}
const renamedByPgMem = (row: object) =>
  Object.keys(row).some((key) => {
    const base = /^(.+?)\d+$/.exec(key)?.[1];
    return base !== undefined && base in row;
  });
const selectsStar = (text: string) => text.replace(/count\s*\(\s*\*\s*\)/gi, '').includes('*');

describe('invoice-detail', () => {
  it('returns the owner’s invoice with its customer as JSON', async () => {
    await expectResponse(await detail(String(INV_001)), { status: 200, json: { equals: SEEDED[INV_001]!.body } });
  });

  it('fetches invoice and customer in one parameterised query (a JOIN, not two round trips)', async () => {
    await detail(String(INV_002));
    expect(db.queries).toHaveLength(1);
    const [query] = db.queries;
    expect(query!.text).toMatch(/\$1/);
    expect(query!.text).toMatch(/\$2/);
    expect(query!.values).toEqual(expect.arrayContaining([INV_002, ALICE]));
  });

  it('scopes by the invoice’s owner, not the customer’s: Alice’s invoice to Bob’s customer is hers, Bob’s invoice to her customer is not', async () => {
    await insertCrossOwnedInvoices(db.direct);
    await expectResponse(await detail(String(ALICES_INVOICE_TO_GLOBEX), ALICE), { status: 200, json: { equals: CROSS_OWNED[ALICES_INVOICE_TO_GLOBEX] } });
    await expectResponse(await detail(String(BOBS_INVOICE_TO_ACME), ALICE), { status: 404, json: NOT_FOUND });
    await expectResponse(await detail(String(BOBS_INVOICE_TO_ACME), BOB), { status: 200, json: { equals: CROSS_OWNED[BOBS_INVOICE_TO_ACME] } });
    await expectResponse(await detail(String(ALICES_INVOICE_TO_GLOBEX), BOB), { status: 404, json: NOT_FOUND });
  });

  it('answers with the invoice’s own id, on real Postgres too: a JOIN’s columns of the same name (SELECT *) must not overwrite each other', { timeout: 60_000 }, async () => {
    const rows: object[] = [];
    const res = await detail(String(INV_001), ALICE, watchingRows(db.pool, rows));
    await expectResponse(res, { status: 200, json: { equals: SEEDED[INV_001]!.body } });
    const mayCollide = db.queries.some((q) => selectsStar(q.text)) || rows.some(renamedByPgMem);
    if (db.engine !== 'pg-mem' || !mayCollide) return;
    const real = await onRealPostgres();
    await insertCrossOwnedInvoices(real.pool);
    const onPostgres = 'on real Postgres, where node-postgres keeps only the LAST column of a name (select each column once, aliased: c.id AS customer_id)';
    for (const [id, want] of [[INV_001, SEEDED[INV_001]!.body], [ALICES_INVOICE_TO_GLOBEX, CROSS_OWNED[ALICES_INVOICE_TO_GLOBEX]]] as const) {
      const res = await detail(String(id), ALICE, real.pool);
      expect(res.status, `${onPostgres}, invoice ${id} was answered ${res.status} ${res.text}`).toBe(200);
      expect(res.json, `${onPostgres}, invoice ${id}`).toEqual(want);
    }
    await expectResponse(await detail(String(BOBS_INVOICE_TO_ACME), ALICE, real.pool), { status: 404, json: NOT_FOUND });
  });

  it('returns 404 for an invoice that does not exist', async () => {
    await expectResponse(await detail('999'), { status: 404, json: NOT_FOUND });
  });

  it('returns 404, not 403, for another owner’s invoice — with the same body as a missing one', async () => {
    const other = await expectResponse(await detail(String(BOBS_INVOICE)), { status: 404, json: NOT_FOUND });
    const missing = await detail('999');
    expect(other.text).toBe(missing.text);
  });

  it('lets the other owner read their own invoice', async () => {
    await expectResponse(await detail(String(BOBS_INVOICE), BOB), { status: 200, json: { equals: SEEDED[BOBS_INVOICE]!.body } });
  });

  it.each(['abc', '1.5', '-1', '0', '007', '1e3', '0x10', '12abc', ' 1', '', '9007199254740992', '9007199254740993', '99999999999999999999'])(
    'returns 400 without querying for the malformed id %j',
    async (id) => {
      await expectResponse(await detail(id), { status: 400, json: INVALID_ID });
      expect(db.queries).toHaveLength(0);
    },
  );

  it('accepts exactly the ids that are plain positive integers (no sign, no leading zero, no spaces, at most Number.MAX_SAFE_INTEGER), and queries only for those', async () => {
    await checkProperty(
      'an id is accepted exactly when it is a plain positive integer the int8 convention can hold',
      decimalIntText(ID_RANGE),
      async (id) => {
        const want = parseDecimalInt(id, ID_RANGE);
        const res = await detail(id);
        if (want === undefined) {
          if (res.status !== 400) return `was answered ${res.status} ${res.text}; expected 400 {"error":"invalid_id"}`;
          if (db.queries.length > 0) return 'was refused, but only after a query: validate before asking the database';
          await expectResponse(res, { status: 400, json: INVALID_ID });
          return;
        }
        const seeded = SEEDED[want];
        const status = seeded?.owner === ALICE ? 200 : 404;
        if (res.status !== status) return `(the id ${want}) was answered ${res.status} ${res.text}; expected ${status}`;
        await expectResponse(res, { status, json: status === 200 ? { equals: seeded!.body } : NOT_FOUND });
      },
      { before: () => void (db.queries.length = 0), show: (id) => `id=${JSON.stringify(id)}` },
    );
  });

  it.each(['2147483647', '2147483648', '4294967296', '9007199254740991'])(
    'looks up the bigint id %s (a 404 after querying here, not a 400: ids are not Postgres integers any more)',
    async (id) => {
      await expectResponse(await detail(id), { status: 404, json: NOT_FOUND });
      expect(db.queries.length, 'the id must be looked up').toBeGreaterThan(0);
    },
  );

  it('answers overlapping requests from two users for the same invoices: each user gets their own invoice, or 404', async () => {
    const asks = [INV_001, INV_001, BOBS_INVOICE, BOBS_INVOICE, INV_002, INV_002].map((id, i) => ({ id, user: i % 2 === 0 ? ALICE : BOB }));
    const answers = await overlapping(asks.length, (i) => detail(String(asks[i]!.id), asks[i]!.user));
    answers.forEach((res, i) => {
      const { id, user } = asks[i]!;
      const mine = SEEDED[id]!.owner === user;
      expect(res.status, `request ${i + 1}: user ${user} asking for invoice ${id}`).toBe(mine ? 200 : 404);
      if (mine) expect(res.json, `request ${i + 1}: user ${user} asking for invoice ${id}`).toEqual(SEEDED[id]!.body);
    });
  });

  it('treats SQL in the id as a malformed id and leaves the table intact', async () => {
    await expectResponse(await detail('1; DROP TABLE billing_invoice; --'), { status: 400, json: INVALID_ID });
    const { rows } = await db.direct.query('SELECT count(*)::int AS n FROM billing_invoice');
    expect(rows[0].n).toBe(4);
  });

  it('never pastes values into the SQL text', async () => {
    await detail(String(INV_003));
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) {
      const sql = q.text.replace(/\$\d+/g, '$n');
      expect(sql).not.toMatch(new RegExp(`=\\s*'?${INV_003}\\b`));
      expect(sql).not.toMatch(new RegExp(`owner_id\\s*=\\s*'?${ALICE}\\b`));
    }
  });
});
