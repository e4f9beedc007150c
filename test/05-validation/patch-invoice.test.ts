import { describe, expect, it } from 'vitest';
import { patchInvoice } from '@exercise/05-validation/patch-invoice';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { ALICE, ALICES_DRAFT, BOB, BOBS_INVOICE, GLOBEX, INITECH, INV_001, validation } from '../fixtures/05-validation.ts';

const db = useDatabase('patch-invoice', validation);

async function patch(id: string | number, body: unknown, options: { userId?: number; headers?: Record<string, string> } = {}) {
  const req = request('PATCH', `/invoices/${id}`, { body, headers: options.headers ?? {} });
  const ctx = { user: { id: options.userId ?? ALICE }, db: db.pool, params: { id: String(id) } };
  return read(await patchInvoice(req, ctx));
}

function patchText(id: number, text: string, contentType = 'application/json') {
  return patch(id, text, { headers: { 'content-type': contentType } });
}

async function table() {
  const { rows } = await db.direct.query(
    'SELECT id, owner_id, customer_id, number, status, total_cents, currency, memo FROM billing_invoice ORDER BY id',
  );
  return rows;
}

async function expectUnchanged(run: () => Promise<unknown>) {
  const before = await table();
  await run();
  expect(await table()).toEqual(before);
}

describe('patch-invoice', () => {
  it('changes only the fields sent and returns the updated row', async () => {
    const res = await patch(ALICES_DRAFT, { memo: 'Second site visit' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({
      id: ALICES_DRAFT, customer_id: INITECH, amount_cents: 120000, currency: 'USD', memo: 'Second site visit', status: 'draft',
    });
    const { rows } = await db.direct.query('SELECT total_cents, currency, memo FROM billing_invoice WHERE id = $1', [ALICES_DRAFT]);
    expect(rows[0]).toEqual({ total_cents: 120000, currency: 'USD', memo: 'Second site visit' });
  });

  it('updates several fields at once, in one parameterised statement', async () => {
    const res = await patch(ALICES_DRAFT, { amount_cents: 99_000, currency: 'EUR', memo: '' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ amount_cents: 99_000, currency: 'EUR', memo: '' });
    expect(db.queries).toHaveLength(1);
    expect(db.queries[0]!.text).not.toContain('99000');
    expect(db.queries[0]!.values).toEqual(expect.arrayContaining([99_000, 'EUR', ALICES_DRAFT, ALICE]));
  });

  it('stores SQL metacharacters verbatim', async () => {
    const memo = `'; UPDATE billing_invoice SET owner_id = ${BOB}; -- $2 \\`;
    const res = await patch(INV_001, { memo });
    expect(res.status).toBe(200);
    expect(res.json.memo).toBe(memo);
    const rows = await table();
    expect(rows.filter((r: { owner_id: number }) => r.owner_id === ALICE)).toHaveLength(3);
    expect(rows.find((r: { id: number }) => r.id === INV_001).memo).toBe(memo);
  });

  it('returns 404, not 403, for another owner’s invoice — and changes nothing', async () => {
    await expectUnchanged(async () => {
      const res = await patch(BOBS_INVOICE, { memo: 'mine now' });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: 'not_found' });
    });
  });

  it('returns the same 404 for an invoice that does not exist', async () => {
    const res = await patch(999, { memo: 'x' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found' });
  });

  it('lets Bob patch his own invoice', async () => {
    const res = await patch(BOBS_INVOICE, { currency: 'EUR' }, { userId: BOB });
    expect(res.status).toBe(200);
    expect(res.json.currency).toBe('EUR');
  });

  it.each([
    ['owner_id', { owner_id: BOB }],
    ['id', { id: 99 }],
    ['customer_id', { customer_id: GLOBEX }],
    ['status', { status: 'paid' }],
    ['total_cents', { total_cents: 1 }],
    ["memo = 'x', owner_id", { "memo = 'x', owner_id": BOB }],
  ])('rejects %j with a 422 naming it, and changes nothing (no mass assignment)', async (key, body) => {
    await expectUnchanged(async () => {
      const res = await patch(ALICES_DRAFT, body);
      expect(res.status).toBe(422);
      expect(res.json.error).toBe('validation_failed');
      expect(res.json.fields).toContainEqual({ path: key, message: expect.any(String) });
    });
  });

  it('rejects the whole patch when an allowed field comes with a forbidden one', async () => {
    await expectUnchanged(async () => {
      const res = await patch(ALICES_DRAFT, { memo: 'fine', owner_id: BOB });
      expect(res.status).toBe(422);
    });
    expect(db.queries).toHaveLength(0);
  });

  it('answers 422 for an empty patch, on the path ""', async () => {
    await expectUnchanged(async () => {
      const res = await patch(ALICES_DRAFT, {});
      expect(res.status).toBe(422);
      expect(res.json).toEqual({ error: 'validation_failed', fields: [{ path: '', message: expect.any(String) }] });
    });
  });

  it.each([
    ['a numeric string', { amount_cents: '100' }, 'amount_cents'],
    ['a float', { amount_cents: 10.5 }, 'amount_cents'],
    ['a negative amount', { amount_cents: -1 }, 'amount_cents'],
    ['a huge amount', { amount_cents: 1e12 }, 'amount_cents'],
    ['null cents', { amount_cents: null }, 'amount_cents'],
    ['an unknown currency', { currency: 'BTC' }, 'currency'],
    ['a null memo', { memo: null }, 'memo'],
    ['a 501-character memo', { memo: 'm'.repeat(501) }, 'memo'],
  ])('answers 422 for %s without querying', async (_, body, path) => {
    const res = await patch(ALICES_DRAFT, body);
    expect(res.status).toBe(422);
    expect(res.json.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(db.queries).toHaveLength(0);
  });

  it.each([
    ['__proto__', '{"__proto__": {"admin": true}, "memo": "x"}'],
    ['constructor', '{"constructor": {"prototype": {"admin": true}}}'],
  ])('rejects a %s key and leaves Object.prototype alone', async (key, text) => {
    await expectUnchanged(async () => {
      const res = await patchText(ALICES_DRAFT, text);
      expect(res.status).toBe(422);
      expect(res.json.fields).toContainEqual({ path: key, message: expect.any(String) });
    });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers 415 for a form body, 400 for text that is not JSON or is empty', async () => {
    expect((await patchText(ALICES_DRAFT, 'memo=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    for (const text of ['{"memo":', '', 'memo']) {
      const res = await patchText(ALICES_DRAFT, text);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'invalid_json' });
    }
    expect(db.queries).toHaveLength(0);
  });

  it('answers 413 for a 1 MiB body', async () => {
    await expectUnchanged(async () => {
      const res = await patch(ALICES_DRAFT, { memo: 'x'.repeat(1024 * 1024) });
      expect(res.status).toBe(413);
    });
  });

  it.each(['abc', '0', '-1', '1.5', '2147483648', '1; DROP TABLE billing_invoice'])(
    'answers 400 invalid_id for the id %j, without querying',
    async (id) => {
      const res = await patch(id, { memo: 'x' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'invalid_id' });
      expect(db.queries).toHaveLength(0);
    },
  );
});
