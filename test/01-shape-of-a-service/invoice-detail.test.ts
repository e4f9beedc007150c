import { describe, expect, it } from 'vitest';
import { invoiceDetail } from '@exercise/01-shape-of-a-service/invoice-detail';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ACME, ALICE, BOB, BOBS_INVOICE, billing, INV_001, INV_002, INV_003 } from '../fixtures/billing.ts';

const db = useDatabase('invoice-detail', billing);

async function detail(id: string, userId = ALICE) {
  const ctx = { user: { id: userId }, db: db.pool, params: { id } };
  return read(await invoiceDetail(request('GET', `/invoices/${encodeURIComponent(id)}`), ctx));
}

describe('invoice-detail', () => {
  it('returns the owner’s invoice with its customer as JSON', async () => {
    const res = await detail(String(INV_001));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({
      id: INV_001,
      number: 'INV-001',
      status: 'paid',
      totalCents: 15000,
      customer: { id: ACME, name: 'Acme Corp' },
    });
  });

  it('fetches invoice and customer in one parameterised query (a JOIN, not two round trips)', async () => {
    await detail(String(INV_002));
    expect(db.queries).toHaveLength(1);
    const [query] = db.queries;
    expect(query!.text).toMatch(/\$1/);
    expect(query!.text).toMatch(/\$2/);
    expect(query!.values).toEqual(expect.arrayContaining([INV_002, ALICE]));
  });

  it('returns 404 for an invoice that does not exist', async () => {
    const res = await detail('999');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found' });
  });

  it('returns 404, not 403, for another owner’s invoice — with the same body as a missing one', async () => {
    const other = await detail(String(BOBS_INVOICE));
    const missing = await detail('999');
    expect(other.status).toBe(404);
    expect(other.text).toBe(missing.text);
  });

  it('lets the other owner read their own invoice', async () => {
    const res = await detail(String(BOBS_INVOICE), BOB);
    expect(res.status).toBe(200);
    expect(res.json.number).toBe('GLX-001');
  });

  it.each(['abc', '1.5', '-1', '0', '1e3', '0x10', '12abc', ' 1', '', '2147483648', '99999999999999999999'])(
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

  it('treats SQL in the id as a malformed id and leaves the table intact', async () => {
    const res = await detail('1; DROP TABLE billing_invoice; --');
    expect(res.status).toBe(400);
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
