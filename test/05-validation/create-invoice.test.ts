import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInvoice, MAX_BODY_BYTES } from '@exercise/05-validation/create-invoice';
import { awkwardText, PROTOTYPE_NAMES } from '../../src/workbook/testing/boundaries.ts';
import { useDatabase } from '../../src/workbook/testing/database.ts';
import { BASE, read, request } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, showInput } from '../../src/workbook/testing/properties.ts';
import { expectResponse, type ReadResponse } from '../../src/workbook/testing/responses.ts';
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

/** A request whose body arrives in the given pieces, without Content-Length, as a client streaming it would send it. */
function streamed(pieces: Uint8Array[], contentType = 'application/json') {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < pieces.length) controller.enqueue(pieces[next++]!);
      else controller.close();
    },
  });
  return new Request(`${BASE}/invoices`, { method: 'POST', headers: { 'content-type': contentType }, body, duplex: 'half' } as RequestInit);
}

/** VALID as JSON, padded with trailing spaces (still valid JSON) to exactly `bytes` bytes. */
function validBodyOf(bytes: number): string {
  const json = JSON.stringify(VALID);
  return json + ' '.repeat(bytes - Buffer.byteLength(json));
}

/** What the server sees of a value sent as JSON. */
const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify({ v: value })).v;
const isIntIn = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** JSON values for an integer field: in range, at and past both ends, floats, strings of digits, and things that are not numbers at all. */
function integerish(min: number, max: number): fc.Arbitrary<unknown> {
  // fc.integer stops at 2^31 − 1; BigInt draws are exact up to 2^53 − 1 and
  // past it (max + 2 for the id range is 2^53 + 1, which JSON sends as 2^53).
  const between = (lo: bigint, hi: bigint) => fc.bigInt({ min: lo, max: hi }).map(Number);
  const [lo, hi] = [BigInt(min), BigInt(max)];
  return fc.oneof(
    between(lo, hi),
    between(lo - 2n, lo + 2n),
    between(hi - 2n, hi + 2n),
    fc.constantFrom(0, -1, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e21, -0),
    between(lo, hi).map((n) => n + 0.5),
    fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    between(lo, hi).map(String),
    fc.constantFrom('1e3', ' 5', '0x10', '', null, true, false, [], {}, [5]),
  );
}

async function expect422On(res: ReadResponse, path: string) {
  await expectResponse(res, {
    status: 422,
    json: (body) => {
      if (body?.error !== 'validation_failed') return 'error must be "validation_failed"';
      if (!Array.isArray(body.fields) || !body.fields.some((f: { path?: unknown; message?: unknown }) => f?.path === path && typeof f.message === 'string' && f.message !== ''))
        return `fields must name the path "${path}" with a message that is not empty`;
    },
  });
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
  await expect422On(res, path);
  expect(db.queries).toHaveLength(0);
  expect(await invoiceCount()).toBe(SEEDED_INVOICES);
}


/** A property sends dozens of requests to the database: more time than one example's test, on a busy machine too. */
const PROPERTY_TIMEOUT = 15_000;
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
    expect(res.json).toEqual({ error: 'validation_failed', fields: [{ path: 'customer_id', message: expect.stringMatching(/./) }] });
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

  it('answers 415 JSON for any Content-Type but application/json (a parameter such as charset is fine), without querying', async () => {
    const mediaType = fc.oneof(
      fc.constantFrom('application/json', 'Application/JSON', 'APPLICATION/JSON', 'application/Json'),
      fc.constantFrom('application/jsonp', 'application/json-seq', 'application/json+x', 'application/vnd.api+json', 'application/problem+json'),
      fc.constantFrom('text/json', 'text/plain', 'json', 'application/x-www-form-urlencoded', 'application/ json', 'application /json', ''),
      fc.constantFrom('text/plain; x=application/json', 'multipart/form-data; boundary=application/json', 'application/json, text/plain'),
    );
    const parameter = fc.constantFrom('', '; charset=utf-8', ';charset=UTF-8', ' ; charset=utf-8', '\t;charset=utf-8', ';', '; q=1');
    const json = /^application\/json[ \t]*(;|$)/i;
    await checkProperty(
      'the Content-Type rule',
      fc.tuple(mediaType, parameter).map(([type, param]) => type + param),
      async (type) => {
        // "{}" reaches the schema and fails it: 422 means the type was accepted.
        const res = await send(request('POST', '/invoices', { body: '{}', headers: { 'content-type': type } }));
        const received = new Headers({ 'content-type': type }).get('content-type')!;
        if (json.test(received)) {
          if (res.status !== 422) return `was answered ${res.status}; application/json (with or without parameters) must be read`;
          return;
        }
        if (res.status !== 415) return `was answered ${res.status}; expected 415`;
        await expectResponse(res, { status: 415, json: { equals: { error: 'unsupported_media_type' } } });
        if (db.queries.length > 0) return 'reached the database';
      },
      { show: (type) => `Content-Type: ${showInput(type)}`, before: () => void (db.queries.length = 0), numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT);

  it('answers 415 JSON without a Content-Type, without querying', async () => {
    await expectResponse(await send(new Request(`${BASE}/invoices`, { method: 'POST', body: new TextEncoder().encode(JSON.stringify(VALID)) })), {
      status: 415,
      json: { equals: { error: 'unsupported_media_type' } },
    });
    expect(db.queries).toHaveLength(0);
  });

  it.each([
    ['an empty body', ''],
    ['broken JSON', '{"customer_id": 1,'],
    ['single quotes', "{'customer_id': 1}"],
    ['plain text', 'customer_id=1'],
  ])('answers 400 invalid_json for %s', async (_, text) => {
    await expectResponse(await postText(text), { status: 400, json: { equals: { error: 'invalid_json' } } });
    expect(db.queries).toHaveLength(0);
  });

  it('answers 400 for bytes that are not UTF-8', async () => {
    const req = new Request(`${BASE}/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    await expectResponse(await send(req), { status: 400, json: { equals: { error: 'invalid_json' } } });
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

  it('accepts a body of exactly MAX_BODY_BYTES, the documented maximum, and refuses one byte more', async () => {
    const atLimit = await postText(validBodyOf(MAX_BODY_BYTES));
    expect(atLimit.status, `a body of exactly ${MAX_BODY_BYTES} bytes was answered ${atLimit.status} ${atLimit.text}`).toBe(201);
    await expectResponse(await postText(validBodyOf(MAX_BODY_BYTES + 1)), { status: 413, json: { equals: { error: 'body_too_large' } } });
    expect(await invoiceCount()).toBe(SEEDED_INVOICES + 1);
  });

  it('counts bytes, not characters: 40,000 × "é" is 80,000 bytes, a 413', async () => {
    const res = await post({ ...VALID, memo: 'é'.repeat(40_000) });
    await expectResponse(res, { status: 413, json: { equals: { error: 'body_too_large' } } });
  });

  it('reads a body that arrives in many small pieces, and counts them all against the limit', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...VALID, memo: 'Ünïcödé split across pieces' }));
    // Pieces of 1 to 7 bytes: some cut a two-byte character in half.
    const pieces: Uint8Array[] = [];
    for (let at = 0, size = 1; at < bytes.length; at += size, size = (size % 7) + 1) pieces.push(bytes.slice(at, at + size));
    const res = await send(streamed(pieces));
    await expectResponse(res, { status: 201, headers: { location: `/invoices/${NEXT_INVOICE}` } });
    expect(res.json.memo).toBe('Ünïcödé split across pieces');
    const over = validBodyOf(MAX_BODY_BYTES + 1);
    const small = Array.from({ length: Math.ceil(over.length / 1000) }, (_, i) => new TextEncoder().encode(over.slice(i * 1000, (i + 1) * 1000)));
    expect((await send(streamed(small))).status).toBe(413);
  });

  it.each([
    ['a numeric string for cents', { amount_cents: '100' }, 'amount_cents'],
    ['a float for cents', { amount_cents: 10.5 }, 'amount_cents'],
    ['a numeric string for the customer', { customer_id: String(ACME) }, 'customer_id'],
    ['a null memo', { memo: null }, 'memo'],
    ['a memo with U+0000, which Postgres text cannot store', { memo: 'nul\u0000byte' }, 'memo'],
    ['an owner_id', { owner_id: BOB }, 'owner_id'],
  ])('answers 422 with a field error for %s, without touching the database', async (_, change, path) => {
    await expectFieldError(await post({ ...VALID, ...change }), path);
  });

  it('accepts amount_cents exactly when it is a JSON integer from 1 to 100000000, and otherwise answers 422 on it before any query', async () => {
    await checkProperty(
      'amount_cents',
      integerish(1, 100_000_000),
      async (value) => {
        const res = await post({ ...VALID, amount_cents: value });
        if (isIntIn(asSent(value), 1, 100_000_000)) {
          if (res.status !== 201) return `was answered ${res.status} ${res.text}; expected 201`;
          if (res.json.amount_cents !== asSent(value)) return `came back as ${JSON.stringify(res.json.amount_cents)}`;
          return;
        }
        if (res.status !== 422) return `was answered ${res.status}; expected 422 on amount_cents`;
        await expect422On(res, 'amount_cents');
        if (db.queries.length > 0) return 'reached the database: validate before any query';
      },
      { show: (v) => `"amount_cents": ${JSON.stringify(v)}`, before: () => void (db.queries.length = 0), numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it.each([2_147_483_648, Number.MAX_SAFE_INTEGER])('invoices a customer whose bigint id is %d: ids are not Postgres integers any more (201)', async (id) => {
    await db.direct.query(`INSERT INTO billing_customer (id, owner_id, name) VALUES ($1, $2, 'Big Id Ltd')`, [id, ALICE]);
    const res = await post({ ...VALID, customer_id: id });
    await expectResponse(res, { status: 201 });
    expect(res.json.customer_id).toBe(id);
  });

  it('accepts customer_id exactly when it is a JSON integer from 1 to Number.MAX_SAFE_INTEGER naming one of the user’s customers, and otherwise answers 422 on it', async () => {
    await checkProperty(
      'customer_id',
      fc.oneof({ arbitrary: integerish(1, Number.MAX_SAFE_INTEGER), weight: 3 }, { arbitrary: fc.constantFrom(ACME, INITECH, GLOBEX, 999), weight: 1 }),
      async (value) => {
        const before = await invoiceCount();
        const res = await post({ ...VALID, customer_id: value });
        const sent = asSent(value);
        if (sent === ACME || sent === INITECH) {
          if (res.status !== 201) return `was answered ${res.status} ${res.text}; it is one of Alice's customers`;
          return;
        }
        if (res.status !== 422) return `was answered ${res.status} ${res.text}; expected 422 on customer_id`;
        await expect422On(res, 'customer_id');
        if (!isIntIn(sent, 1, Number.MAX_SAFE_INTEGER) && db.queries.length > 0) return 'reached the database: validate before any query';
        if ((await invoiceCount()) !== before) return 'inserted an invoice anyway';
      },
      { show: (v) => `"customer_id": ${JSON.stringify(v)}`, before: () => void (db.queries.length = 0), numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT);

  it('accepts exactly the currencies EUR, USD and GBP, as written', async () => {
    const currencies = ['EUR', 'USD', 'GBP'];
    await checkProperty(
      'currency',
      fc.oneof(
        fc.constantFrom(...currencies),
        fc.constantFrom('eur', 'Usd', ' EUR', 'GBP ', 'E U R', 'EURO', 'JPY', 'XXX', '', '€', 'ＥＵＲ', null, 978, ['EUR'], { code: 'EUR' }),
        awkwardText(),
      ),
      async (value) => {
        const res = await post({ ...VALID, currency: value });
        if (typeof value === 'string' && currencies.includes(value)) {
          if (res.status !== 201) return `was answered ${res.status} ${res.text}; expected 201`;
          return;
        }
        if (res.status !== 422) return `was answered ${res.status}; expected 422 on currency`;
        await expect422On(res, 'currency');
      },
      { show: (v) => `"currency": ${JSON.stringify(v)}`, numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT);

  it('stores any memo of at most 500 characters without U+0000 exactly as sent: whitespace, accents, other scripts, emoji', async () => {
    await checkProperty(
      'memo',
      fc.oneof(
        awkwardText(),
        fc.constantFrom('  padded  ', '\ttabbed\n', 'm'.repeat(500), 'm'.repeat(501), '', 'NULL', 'null', 'a\u0000b', '\u0000'),
        fc.constantFrom(null, 1, true, [], {}),
      ),
      async (value) => {
        const res = await post({ ...VALID, memo: value });
        if (typeof value === 'string' && value.length <= 500 && !value.includes('\u0000')) {
          if (res.status !== 201) return `was answered ${res.status} ${res.text}; expected 201`;
          if (res.json.memo !== value) return `came back as ${showInput(res.json.memo)}`;
          const { rows } = await db.direct.query('SELECT memo FROM billing_invoice WHERE id = $1', [res.json.id]);
          if (rows[0]?.memo !== value) return `was stored as ${showInput(rows[0]?.memo)}`;
          return;
        }
        if (res.status !== 422) return `was answered ${res.status}; expected 422 on memo`;
        await expect422On(res, 'memo');
        if (db.queries.length > 0) return 'reached the database: validate before any query';
      },
      { show: (v) => `"memo": ${typeof v === 'string' ? showInput(v) : JSON.stringify(v)}`, before: () => void (db.queries.length = 0), numRuns: 80 },
    );
  }, PROPERTY_TIMEOUT);

  it('answers 422 naming any key that is not one of the four fields, and changes nothing', async () => {
    const fields = ['customer_id', 'amount_cents', 'currency', 'memo'];
    await checkProperty(
      'an unknown key',
      fc.oneof(
        fc.constantFrom(...PROTOTYPE_NAMES, 'prototype', 'owner_id', 'id', 'status', 'number', 'Customer_id', 'memo ', 'amountCents', ''),
        fc.string({ maxLength: 8 }),
      ).filter((key) => !fields.includes(key)),
      async (key) => {
        // Written by hand so that "__proto__" is a key of the body, as a client would send it.
        const text = `{${JSON.stringify(key)}: {"admin": true}, ${JSON.stringify(VALID).slice(1)}`;
        const res = await postText(text);
        if (res.status !== 422) return `was answered ${res.status}; expected 422 naming it`;
        await expect422On(res, key);
        if (db.queries.length > 0) return 'reached the database';
        if (({} as Record<string, unknown>).admin !== undefined) return 'changed Object.prototype';
      },
      { show: (key) => `key ${JSON.stringify(key)}`, before: () => void (db.queries.length = 0), numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives overlapping creates their own rows and ids', async () => {
    const results = await overlapping(4, (i) => post({ ...VALID, customer_id: i % 2 ? ACME : INITECH, amount_cents: 100 + i }));
    for (const [i, res] of results.entries()) {
      await expectResponse(res, { status: 201, headers: { location: `/invoices/${res.json?.id}` } });
      expect(res.json.amount_cents).toBe(100 + i);
    }
    expect(new Set(results.map((r) => r.json.id)).size).toBe(4);
    expect(await invoiceCount()).toBe(SEEDED_INVOICES + 4);
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
