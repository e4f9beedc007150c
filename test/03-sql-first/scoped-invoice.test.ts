import { describe, expect, it } from 'vitest';
import { scopedInvoice } from '@exercise/03-sql-first/scoped-invoice';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, GLOBEX, INV_001, INV_002, INV_003, sqlFirst } from '../fixtures/03-sql-first.ts';

const db = useDatabase('scoped-invoice', sqlFirst);

async function detail(id: string, userId = ALICE) {
  const ctx = { user: { id: userId }, db: db.pool, params: { id } };
  return read(await scopedInvoice(request('GET', `/invoices/${encodeURIComponent(id)}`), ctx));
}

describe('scoped-invoice', () => {
  it('returns the owner’s invoice with its customer and its date as written', async () => {
    const res = await detail(String(INV_001));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({
      id: INV_001,
      number: 'INV-001',
      status: 'paid',
      totalCents: 15000,
      issuedOn: '2026-01-15',
      customer: { id: ACME, name: 'Acme Corp' },
    });
  });

  it('reads invoice and customer with one parameterised statement (a JOIN, not two round trips)', async () => {
    await detail(String(INV_002));
    expect(db.queries).toHaveLength(1);
    const [query] = db.queries;
    expect(query!.text).toMatch(/\bjoin\b/i);
    expect(query!.text).toMatch(/\$2/);
    expect(query!.values).toEqual(expect.arrayContaining([INV_002, ALICE]));
  });

  it('returns 404 for an invoice that does not exist', async () => {
    const res = await detail('999');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found' });
  });

  it('returns 404, not 403, for another owner’s invoice — byte for byte the same answer as a missing one', async () => {
    const other = await detail(String(BOBS_INVOICE));
    const missing = await detail('999');
    expect(other.status).toBe(404);
    expect(other.text).toBe(missing.text);
  });

  it('scopes the lookup in SQL: the owner is a parameter of the statement', async () => {
    await detail(String(BOBS_INVOICE));
    expect(db.queries).toHaveLength(1);
    expect(db.queries[0]!.values).toEqual(expect.arrayContaining([BOBS_INVOICE, ALICE]));
  });

  it('lets the other owner read their own invoice', async () => {
    const res = await detail(String(BOBS_INVOICE), BOB);
    expect(res.status).toBe(200);
    expect(res.json.customer).toEqual({ id: GLOBEX, name: 'Globex' });
  });

  it.each(['abc', '1.5', '-1', '0', '1e3', '12abc', ' 1', '', '2147483648', "1' OR '1'='1"])(
    'returns 400 without querying for the malformed id %j',
    async (id) => {
      const res = await detail(id);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'invalid_id' });
      expect(db.queries).toHaveLength(0);
    },
  );

  it('accepts the largest Postgres integer id (404, not 400 or 500)', async () => {
    expect((await detail('2147483647')).status).toBe(404);
  });

  it('never pastes values into the SQL text', async () => {
    await detail(String(INV_003));
    for (const q of db.queries) {
      expect(q.text.replace(/\$\d+/g, '$n')).not.toMatch(new RegExp(`=\\s*'?(${INV_003}|${ALICE})\\b`));
    }
  });
});
