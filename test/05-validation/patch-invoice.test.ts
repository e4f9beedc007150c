import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, patchInvoice } from '@exercise/05-validation/patch-invoice';
import { awkwardText, decimalIntText, ID_RANGE, parseDecimalInt, PROTOTYPE_NAMES } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { BASE, read, request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, showInput } from '../../src/workbook/testing/properties.ts';
import { expectResponse, type ReadResponse } from '../../src/workbook/testing/responses.ts';
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

const fieldErrorsNaming = (path: string) => (body: any) => {
  if (body?.error !== 'validation_failed') return 'error must be "validation_failed"';
  if (!Array.isArray(body.fields) || !body.fields.some((f: { path?: unknown; message?: unknown }) => f?.path === path && typeof f.message === 'string' && f.message !== ''))
    return `fields must name the path "${path}" with a message that is not empty`;
};
const expect422On = (res: ReadResponse, path: string) => expectResponse(res, { status: 422, json: fieldErrorsNaming(path) });

async function expectUnchanged(run: () => Promise<unknown>) {
  const before = await table();
  await run();
  expect(await table()).toEqual(before);
}


/** A property sends dozens of requests to the database: more time than one example's test, on a busy machine too. */
const PROPERTY_TIMEOUT = 15_000;
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
      await expectResponse(res, { status: 404, json: { equals: { error: 'not_found' } } });
    });
  });

  it('returns the same 404 for an invoice that does not exist', async () => {
    const res = await patch(999, { memo: 'x' });
    await expectResponse(res, { status: 404, json: { equals: { error: 'not_found' } } });
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
      expect(res.json).toEqual({ error: 'validation_failed', fields: [{ path: '', message: expect.stringMatching(/./) }] });
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
      await expectResponse(res, { status: 413, json: { equals: { error: 'body_too_large' } } });
    });
  });

  it('accepts a body of exactly MAX_BODY_BYTES and refuses one byte more', async () => {
    const padded = (bytes: number) => {
      const json = JSON.stringify({ memo: 'padded' });
      return json + ' '.repeat(bytes - json.length);
    };
    await expectResponse(await patchText(ALICES_DRAFT, padded(MAX_BODY_BYTES)), { status: 200 });
    await expectResponse(await patchText(ALICES_DRAFT, padded(MAX_BODY_BYTES + 1)), { status: 413, json: { equals: { error: 'body_too_large' } } });
  });

  it.each([
    ['no Content-Type', undefined],
    ['a look-alike type', 'application/jsonp'],
    ['application/json inside another type', 'text/plain; x=application/json'],
  ])('answers 415 JSON for %s, without querying', async (_, type) => {
    const req = new Request(`${BASE}/invoices/${ALICES_DRAFT}`, {
      method: 'PATCH',
      headers: type ? { 'content-type': type } : {},
      body: new TextEncoder().encode('{"memo": "x"}'),
    });
    const res = await read(await patchInvoice(req, { user: { id: ALICE }, db: db.pool, params: { id: String(ALICES_DRAFT) } }));
    await expectResponse(res, { status: 415, json: { equals: { error: 'unsupported_media_type' } } });
    expect(db.queries).toHaveLength(0);
  });

  it('reads application/json in any letter case and with a charset', async () => {
    await expectResponse(await patchText(ALICES_DRAFT, '{"memo": "x"}', 'Application/JSON; charset=utf-8'), { status: 200 });
  });

  it('answers 400 invalid_json for bytes that are not UTF-8', async () => {
    const req = new Request(`${BASE}/invoices/${ALICES_DRAFT}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0x6d, 0x65, 0x6d, 0x6f, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    const res = await read(await patchInvoice(req, { user: { id: ALICE }, db: db.pool, params: { id: String(ALICES_DRAFT) } }));
    await expectResponse(res, { status: 400, json: { equals: { error: 'invalid_json' } } });
    expect(db.queries).toHaveLength(0);
  });

  it('accepts exactly the currencies EUR, USD and GBP, as written', async () => {
    for (const currency of ['USD', 'GBP', 'EUR']) {
      const res = await patch(ALICES_DRAFT, { currency });
      await expectResponse(res, { status: 200 });
      expect(res.json.currency).toBe(currency);
    }
    for (const currency of ['usd', ' EUR', 'JPY', '', null]) await expect422On(await patch(ALICES_DRAFT, { currency }), 'currency');
  });

  it('reads the id only as a plain decimal from 1 to Number.MAX_SAFE_INTEGER, and answers 400 invalid_id without querying otherwise', async () => {
    await checkProperty(
      'the id in /invoices/:id',
      fc.oneof(decimalIntText(ID_RANGE), fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 17n }).map(String), fc.constantFrom('1; DROP TABLE billing_invoice', `${ALICES_DRAFT}abc`, ` ${ALICES_DRAFT}`, `+${ALICES_DRAFT}`, `${ALICES_DRAFT}.0`)),
      async (id) => {
        const res = await patch(id, { memo: 'x' });
        if (parseDecimalInt(id, ID_RANGE) === undefined) {
          if (res.status !== 400) return `was answered ${res.status}; expected 400 invalid_id`;
          await expectResponse(res, { status: 400, json: { equals: { error: 'invalid_id' } } });
          if (db.queries.length > 0) return 'reached the database: check the id before any query';
          return;
        }
        if (res.status !== 200 && res.status !== 404) return `was answered ${res.status} ${res.text}; a well-formed id is looked up (200 or 404)`;
        await expectResponse(res, { status: res.status });
      },
      { show: (id) => `PATCH /invoices/${showInput(id)}`, before: () => void (db.queries.length = 0), numRuns: 120 },
    );
  }, PROPERTY_TIMEOUT);

  it.each(['2147483647', '2147483648', '9007199254740991'])('looks up the bigint id %s (a 404 here, after a query, not a 400)', async (id) => {
    await expectResponse(await patch(id, { memo: 'x' }), { status: 404, json: { equals: { error: 'not_found' } } });
    expect(db.queries.length, 'the id must be looked up').toBeGreaterThan(0);
  });

  it.each(['1e3', '0x10', `0${ALICES_DRAFT}`, '9007199254740992', '9007199254740993'])('answers 400 invalid_id for the id %j, without querying', async (id) => {
    await expectResponse(await patch(id, { memo: 'x' }), { status: 400, json: { equals: { error: 'invalid_id' } } });
    expect(db.queries).toHaveLength(0);
  });

  it('accepts amount_cents exactly when it is a JSON integer from 1 to 100000000, and otherwise answers 422 on it before any query', async () => {
    const value = fc.oneof(
      fc.integer({ min: 1, max: 100_000_000 }),
      fc.constantFrom(0, 1, 2, 99_999_999, 100_000_000, 100_000_001, -1, 2 ** 31, 1e21, 10.5, 0.1, '100', '', null, true, [], {}),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    );
    await checkProperty(
      'amount_cents',
      value,
      async (amount) => {
        const res = await patch(ALICES_DRAFT, { amount_cents: amount });
        const sent = JSON.parse(JSON.stringify(amount));
        if (typeof sent === 'number' && Number.isInteger(sent) && sent >= 1 && sent <= 100_000_000) {
          await expectResponse(res, { status: 200 });
          if (res.json.amount_cents !== sent) return `came back as ${res.json.amount_cents}`;
          return;
        }
        if (res.status !== 422) return `was answered ${res.status}; expected 422 on amount_cents`;
        await expect422On(res, 'amount_cents');
        if (db.queries.length > 0) return 'reached the database: validate before any query';
      },
      { show: (v) => `{"amount_cents": ${JSON.stringify(v)}}`, before: () => void (db.queries.length = 0), numRuns: 80 },
    );
  }, PROPERTY_TIMEOUT);

  it('stores any memo of at most 500 characters without U+0000 exactly as sent: whitespace, accents, other scripts, emoji', async () => {
    await checkProperty(
      'memo',
      fc.oneof(awkwardText(), fc.constantFrom('  padded  ', '', 'm'.repeat(500), 'm'.repeat(501), 'a\u0000b', null, 7, false)),
      async (memo) => {
        const res = await patch(ALICES_DRAFT, { memo });
        if (typeof memo === 'string' && memo.length <= 500 && !memo.includes('\u0000')) {
          await expectResponse(res, { status: 200 });
          if (res.json.memo !== memo) return `came back as ${showInput(res.json.memo)}`;
          const { rows } = await db.direct.query('SELECT memo FROM billing_invoice WHERE id = $1', [ALICES_DRAFT]);
          if (rows[0].memo !== memo) return `was stored as ${showInput(rows[0].memo)}`;
          return;
        }
        if (res.status !== 422) return `was answered ${res.status}; expected 422 on memo`;
        await expect422On(res, 'memo');
        if (db.queries.length > 0) return 'reached the database: validate before any query';
      },
      { show: (v) => `{"memo": ${typeof v === 'string' ? showInput(v) : JSON.stringify(v)}}`, before: () => void (db.queries.length = 0), numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT);

  it('answers 422 naming any key that is not amount_cents, currency or memo, and changes nothing', async () => {
    const editable = ['amount_cents', 'currency', 'memo'];
    const key = fc
      .oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'owner_id', 'id', 'status', 'number', 'total_cents', 'issued_on', 'Memo', 'memo ', ''), fc.string({ maxLength: 8 }))
      .filter((k) => !editable.includes(k));
    const before = await table();
    await checkProperty(
      'an unknown key',
      key,
      async (k) => {
        const res = await patchText(ALICES_DRAFT, `{${JSON.stringify(k)}: ${BOB}, "memo": "fine"}`);
        if (res.status !== 422) return `was answered ${res.status}; expected 422 naming it`;
        await expect422On(res, k);
        if (db.queries.length > 0) return 'reached the database';
      },
      { show: (k) => `key ${JSON.stringify(k)}`, before: () => void (db.queries.length = 0), numRuns: 60 },
    );
    expect(await table()).toEqual(before);
  }, PROPERTY_TIMEOUT);

  it('keeps both of two overlapping patches of different fields: no lost update', async () => {
    const [memo, currency] = await overlapping(2, (i) => (i === 0 ? patch(ALICES_DRAFT, { memo: 'From the first request' }) : patch(ALICES_DRAFT, { currency: 'GBP' })));
    await expectResponse(memo!, { status: 200 });
    await expectResponse(currency!, { status: 200 });
    const { rows } = await db.direct.query('SELECT total_cents, currency, memo FROM billing_invoice WHERE id = $1', [ALICES_DRAFT]);
    expect(rows[0], 'one PATCH undid the other: update only the fields sent, in one statement, never write back a row you read earlier').toEqual({
      total_cents: 120000,
      currency: 'GBP',
      memo: 'From the first request',
    });
  });
});
