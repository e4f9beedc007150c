import { describe, expect, it } from 'vitest';
import { createInvoice } from '@exercise/05-validation/create-invoice';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { BASE, read, request } from '../../src/workbook/testing/http.ts';
import { ACME, ALICE, BOB, GLOBEX, INITECH, NEXT_INVOICE, validation } from '../fixtures/05-validation.ts';

const db = useDatabase('create-invoice', validation);
const VALID = { customer_id: ACME, amount_cents: 1250, currency: 'EUR', memo: 'Design work' };
const SEEDED_INVOICES = 4;
const MiB = 1024 * 1024;

async function send(req: Request, userId = ALICE) {
  return read(await createInvoice(req, { user: { id: userId }, db: db.pool }));
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return send(request('POST', '/invoices', { body, headers }));
}

function postText(text: string, contentType = 'application/json') {
  return post(text, { 'content-type': contentType });
}

async function invoiceCount(): Promise<number> {
  const { rows } = await db.direct.query('SELECT count(*)::int AS n FROM billing_invoice');
  return rows[0].n;
}

function streamOf(totalBytes: number, chunk = 64 * 1024) {
  let sent = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (sent === 0) {
        controller.enqueue(new TextEncoder().encode('{"memo":"'));
        sent += 9;
      } else if (sent < totalBytes) {
        controller.enqueue(new Uint8Array(chunk).fill(0x61));
        sent += chunk;
      } else {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      }
    },
  });
  return { stream, pulls: () => pulls };
}

async function expectFieldError(res: Awaited<ReturnType<typeof post>>, path: string) {
  expect(res.status).toBe(422);
  expect(res.json.error).toBe('validation_failed');
  expect(Array.isArray(res.json.fields)).toBe(true);
  expect(res.json.fields.map((f: { path: string }) => f.path)).toContain(path);
  expect(db.queries).toHaveLength(0);
  expect(await invoiceCount()).toBe(SEEDED_INVOICES);
}

describe('create-invoice', () => {
  it('creates a draft for one of the user’s customers: 201 with the row and a Location', async () => {
    const res = await post(VALID);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ id: NEXT_INVOICE, customer_id: ACME, amount_cents: 1250, currency: 'EUR', memo: 'Design work', status: 'draft' });
    expect(res.headers.get('location')).toBe(`/invoices/${NEXT_INVOICE}`);
    const { rows } = await db.direct.query(
      'SELECT owner_id, customer_id, total_cents, currency, memo, status FROM billing_invoice WHERE id = $1',
      [NEXT_INVOICE],
    );
    expect(rows).toEqual([{ owner_id: ALICE, customer_id: ACME, total_cents: 1250, currency: 'EUR', memo: 'Design work', status: 'draft' }]);
  });

  it('makes memo optional, stored as an empty string', async () => {
    const res = await post({ customer_id: INITECH, amount_cents: 1, currency: 'GBP' });
    expect(res.status).toBe(201);
    expect(res.json.memo).toBe('');
  });

  it('accepts the boundaries: 1 and 100000000 cents, a 500-character memo', async () => {
    expect((await post({ ...VALID, amount_cents: 1 })).status).toBe(201);
    expect((await post({ ...VALID, amount_cents: 100_000_000, memo: 'm'.repeat(500) })).status).toBe(201);
    expect(await invoiceCount()).toBe(SEEDED_INVOICES + 2);
  });

  it('accepts application/json with a charset parameter', async () => {
    const res = await postText(JSON.stringify(VALID), 'application/json; charset=utf-8');
    expect(res.status).toBe(201);
  });

  it('stores SQL metacharacters in the memo verbatim, through a parameter', async () => {
    const memo = `Robert'); DROP TABLE billing_invoice; -- \\ $1 %_ "quoted"`;
    const res = await post({ ...VALID, memo });
    expect(res.status).toBe(201);
    expect(res.json.memo).toBe(memo);
    const { rows } = await db.direct.query('SELECT memo FROM billing_invoice WHERE id = $1', [res.json.id]);
    expect(rows[0].memo).toBe(memo);
    expect(await invoiceCount()).toBe(SEEDED_INVOICES + 1);
    for (const q of db.queries) expect(q.text).not.toContain('DROP TABLE');
  });

  it('answers 422 on customer_id, and inserts nothing, for another user’s customer', async () => {
    const res = await post({ ...VALID, customer_id: GLOBEX });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ error: 'validation_failed', fields: [{ path: 'customer_id', message: expect.any(String) }] });
    expect(await invoiceCount()).toBe(SEEDED_INVOICES);
  });

  it('answers 422 for a customer that does not exist', async () => {
    const res = await post({ ...VALID, customer_id: 999 });
    expect(res.status).toBe(422);
    expect(res.json.fields[0].path).toBe('customer_id');
    expect(await invoiceCount()).toBe(SEEDED_INVOICES);
  });

  it('lets Bob use his own customer', async () => {
    const res = await send(request('POST', '/invoices', { body: { ...VALID, customer_id: GLOBEX } }), BOB);
    expect(res.status).toBe(201);
  });

  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a look-alike type', 'application/jsonp'],
  ])('answers 415 for %s, without querying', async (_, type) => {
    const res = await send(
      request('POST', '/invoices', { body: JSON.stringify(VALID), headers: type ? { 'content-type': type } : {} }),
    );
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ error: 'unsupported_media_type' });
    expect(db.queries).toHaveLength(0);
  });

  it.each([
    ['an empty body', ''],
    ['broken JSON', '{"customer_id": 1,'],
    ['single quotes', "{'customer_id': 1}"],
    ['plain text', 'customer_id=1'],
  ])('answers 400 invalid_json for %s', async (_, text) => {
    const res = await postText(text);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'invalid_json' });
    expect(db.queries).toHaveLength(0);
  });

  it('answers 400 for bytes that are not UTF-8', async () => {
    const req = new Request(`${BASE}/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect((await send(req)).status).toBe(400);
  });

  it('answers 413 for a 1 MiB body', async () => {
    const res = await post({ ...VALID, memo: 'x'.repeat(MiB) });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: 'body_too_large' });
    expect(await invoiceCount()).toBe(SEEDED_INVOICES);
  });

  it('answers 413 when Content-Length claims a small body but 1 MiB arrives', async () => {
    const res = await post(JSON.stringify({ ...VALID, memo: 'x'.repeat(MiB) }), {
      'content-type': 'application/json',
      'content-length': '80',
    });
    expect(res.status).toBe(413);
  });

  it('answers 413 for a streamed body without Content-Length, and stops reading it', async () => {
    const { stream, pulls } = streamOf(16 * MiB);
    const req = new Request(`${BASE}/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const res = await send(req);
    expect(res.status).toBe(413);
    expect(pulls()).toBeLessThan(64);
  });

  it.each([
    ['a numeric string for cents', { amount_cents: '100' }, 'amount_cents'],
    ['a float for cents', { amount_cents: 10.5 }, 'amount_cents'],
    ['zero cents', { amount_cents: 0 }, 'amount_cents'],
    ['negative cents', { amount_cents: -500 }, 'amount_cents'],
    ['more than 100000000 cents', { amount_cents: 100_000_001 }, 'amount_cents'],
    ['a huge number', { amount_cents: 1e20 }, 'amount_cents'],
    ['null cents', { amount_cents: null }, 'amount_cents'],
    ['true for cents', { amount_cents: true }, 'amount_cents'],
    ['a numeric string for the customer', { customer_id: String(ACME) }, 'customer_id'],
    ['a customer id beyond int4', { customer_id: 2 ** 31 }, 'customer_id'],
    ['a negative customer id', { customer_id: -1 }, 'customer_id'],
    ['an unknown currency', { currency: 'JPY' }, 'currency'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a null memo', { memo: null }, 'memo'],
    ['a 501-character memo', { memo: 'm'.repeat(501) }, 'memo'],
    ['an extra key', { discount: 10 }, 'discount'],
    ['an owner_id', { owner_id: BOB }, 'owner_id'],
  ])('answers 422 with a field error for %s, without touching the database', async (_, change, path) => {
    await expectFieldError(await post({ ...VALID, ...change }), path);
  });

  it('answers 422 naming a missing required field', async () => {
    const { currency: _, ...rest } = VALID;
    await expectFieldError(await post(rest), 'currency');
  });

  it.each([['null', 'null'], ['an array', '[1,2]'], ['a string', '"invoice"'], ['a number', '42']])(
    'answers 422 for JSON that is %s instead of an object',
    async (_, text) => {
      const res = await postText(text);
      expect(res.status).toBe(422);
      expect(res.json.error).toBe('validation_failed');
      expect(await invoiceCount()).toBe(SEEDED_INVOICES);
    },
  );

  it.each([
    ['__proto__', `{"__proto__": {"admin": true}, "customer_id": ${ACME}, "amount_cents": 5, "currency": "EUR"}`],
    ['constructor', `{"constructor": {"prototype": {"admin": true}}, "customer_id": ${ACME}, "amount_cents": 5, "currency": "EUR"}`],
  ])('rejects a %s key as an unknown field and leaves Object.prototype alone', async (key, text) => {
    const res = await postText(text);
    await expectFieldError(res, key);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('admin');
  });

  it('lists every problem at once, each with a path and a message', async () => {
    const res = await post({ customer_id: String(ACME), amount_cents: 10.5, currency: 'JPY', memo: null });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json).sort()).toEqual(['error', 'fields']);
    const paths = new Set(res.json.fields.map((f: { path: string }) => f.path));
    expect(paths).toEqual(new Set(['customer_id', 'amount_cents', 'currency', 'memo']));
    for (const field of res.json.fields) {
      expect(Object.keys(field).sort()).toEqual(['message', 'path']);
      expect(typeof field.message).toBe('string');
      expect(field.message.length).toBeGreaterThan(0);
    }
  });

  it('passes every value as a parameter, never in the SQL text', async () => {
    await post({ ...VALID, memo: 'zz-marker-zz', amount_cents: 424242 });
    expect(db.queries.length).toBeGreaterThan(0);
    for (const q of db.queries) {
      expect(q.text).not.toContain('zz-marker-zz');
      expect(q.text).not.toContain('424242');
    }
  });
});
