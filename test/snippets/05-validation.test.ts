/**
 * Chapter 5's TypeScript snippets, exercised: every claim the chapter
 * makes about them is asserted here.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  CreateInvoice,
  type CreateInvoiceByHand,
  type CreateInvoiceInput,
} from '../../content/05-validation/snippets/schema.ts';
import {
  fieldErrors,
  parseJsonBody,
  readLimited,
} from '../../content/05-validation/snippets/body.ts';
import {
  createInvoice,
  MAX_BODY_BYTES,
  type InvoiceRow,
  type StoreInvoice,
} from '../../content/05-validation/snippets/handler.ts';
import {
  Cents,
  CoercedCents,
  mergeDeep,
  PageNumber,
  Rejecting,
  Stripping,
} from '../../content/05-validation/snippets/pitfalls.ts';
import {
  document,
  producedRequestSchema,
  ValidationFailed,
} from '../../content/05-validation/snippets/openapi.ts';
import { read, request } from '../../src/workbook/testing/http.ts';

const VALID = { customer_id: 1, amount_cents: 1250, currency: 'EUR' };

function post(body: unknown, headers: Record<string, string> = {}) {
  return request('POST', '/invoices', { body, headers });
}

function jsonText(text: string) {
  return post(text, { 'content-type': 'application/json' });
}

describe('schema.ts: one declaration, a check and a type', () => {
  it('z.infer gives exactly the hand-written type', () => {
    expectTypeOf<CreateInvoice>().toEqualTypeOf<CreateInvoiceByHand>();
    expectTypeOf<CreateInvoiceInput>().toEqualTypeOf<{
      customer_id: number;
      amount_cents: number;
      currency: 'EUR' | 'USD' | 'GBP';
      memo?: string | undefined;
    }>();
  });

  it('fills in the memo default', () => {
    expect(CreateInvoice.parse(VALID)).toEqual({ ...VALID, memo: '' });
  });

  it('takes any bigint id JavaScript holds exactly: 2147483648 is an id like any other', () => {
    for (const customer_id of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expect(CreateInvoice.parse({ ...VALID, customer_id }).customer_id).toBe(customer_id);
    }
  });

  it.each([
    ['a numeric string', { amount_cents: '100' }],
    ['a float', { amount_cents: 10.5 }],
    ['zero', { amount_cents: 0 }],
    ['a negative number', { amount_cents: -1 }],
    ['more than a million', { amount_cents: 100_000_001 }],
    ['an id past the safe integers (bigint ids arrive as checked numbers)', { customer_id: 2 ** 53 }],
    ['an unknown currency', { currency: 'JPY' }],
    ['a null memo', { memo: null }],
    ['a 501-character memo', { memo: 'x'.repeat(501) }],
    ['an extra key', { owner_id: 2 }],
  ])('rejects %s', (_, change) => {
    expect(CreateInvoice.safeParse({ ...VALID, ...change }).success).toBe(false);
  });
});

describe('body.ts: parseJsonBody', () => {
  const parse = (req: Request) => parseJsonBody(req, CreateInvoice, { maxBytes: 1024 });

  it('returns typed data for a valid body, charset parameter allowed', async () => {
    const req = post(VALID, { 'content-type': 'application/json; charset=utf-8' });
    expect(await parse(req)).toEqual({ ok: true, data: { ...VALID, memo: '' } });
  });

  async function failure(req: Request) {
    const result = await parse(req);
    if (result.ok) throw new Error('expected a failure');
    return read(result.response);
  }

  it('answers 415 for a missing or different content type', async () => {
    for (const type of [undefined, 'text/plain', 'application/jsonx', 'multipart/form-data']) {
      const req = request('POST', '/invoices', {
        body: JSON.stringify(VALID),
        headers: type ? { 'content-type': type } : {},
      });
      const res = await failure(req);
      expect(res.status).toBe(415);
      expect(res.json).toEqual({ error: 'unsupported_media_type' });
    }
  });

  it('answers 400 for an empty body, broken JSON and invalid UTF-8', async () => {
    const bad = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x22, 0xff, 0x22]),
    });
    for (const req of [jsonText(''), jsonText('{"a":'), jsonText("{'a':1}"), bad]) {
      const res = await failure(req);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'invalid_json' });
    }
  });

  it('answers 413 past maxBytes, whatever Content-Length says', async () => {
    const big = JSON.stringify({ ...VALID, memo: 'x'.repeat(2000) });
    const lying = post(big, { 'content-type': 'application/json', 'content-length': '10' });
    for (const req of [jsonText(big), lying]) {
      const res = await failure(req);
      expect(res.status).toBe(413);
      expect(res.json).toEqual({ error: 'body_too_large' });
    }
  });

  it('answers 422 with one entry per problem, unknown keys by name', async () => {
    const res = await failure(post({ amount_cents: '100', currency: 'JPY', __proto__x: 1 }));
    expect(res.status).toBe(422);
    expect(res.json.error).toBe('validation_failed');
    expect(res.json.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['__proto__x', 'amount_cents', 'currency', 'customer_id'],
    );
    for (const f of res.json.fields) expect(typeof f.message).toBe('string');
  });

  it('treats a __proto__ key as an unknown field and leaves Object.prototype alone', async () => {
    for (const text of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
      const res = await failure(jsonText(text));
      expect(res.status).toBe(422);
      expect(res.json.fields).toContainEqual({ path: text.slice(2, text.indexOf('"', 2)), message: 'Unknown field' });
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('reports JSON that is not an object at the empty path', async () => {
    const res = await failure(jsonText('[1,2]'));
    expect(res.status).toBe(422);
    expect(res.json.fields).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('fieldErrors joins nested paths with dots', () => {
    const Lines = z.strictObject({ lines: z.array(z.strictObject({ qty: z.int() })) });
    const error = Lines.safeParse({ lines: [{ qty: 1 }, { qty: 1.5, x: 1 }] }).error!;
    expect(fieldErrors(error)).toEqual([
      { path: 'lines.1.qty', message: expect.any(String) },
      { path: 'lines.1.x', message: 'Unknown field' },
    ]);
  });

  it('readLimited stops reading a stream once past the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(100));
      },
    });
    const req = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await readLimited(req, 250)).toBeNull();
    expect(pulled).toBeLessThan(10);
    expect(await readLimited(new Request('http://x/'), 10)).toEqual(new Uint8Array(0));
  });
});

describe('handler.ts: createInvoice', () => {
  function fakeStore() {
    const calls: unknown[][] = [];
    const store: StoreInvoice = async (ownerId, data) => {
      calls.push([ownerId, data]);
      return data.customer_id === 1 ? ({ id: 7, status: 'draft', ...data } satisfies InvoiceRow) : null;
    };
    return { store, calls };
  }

  it('stores a valid body for the signed-in user and answers 201', async () => {
    const { store, calls } = fakeStore();
    const res = await read(await createInvoice(store)(post(VALID), { user: { id: 1 } }));
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: 7, status: 'draft', ...VALID, memo: '' });
    expect(calls).toEqual([[1, { ...VALID, memo: '' }]]);
  });

  it('answers 422 on customer_id when the store finds no such customer', async () => {
    const { store } = fakeStore();
    const res = await read(await createInvoice(store)(post({ ...VALID, customer_id: 2 }), { user: { id: 1 } }));
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      error: 'validation_failed',
      fields: [{ path: 'customer_id', message: 'Unknown customer' }],
    });
  });

  it('never calls the store for an invalid body', async () => {
    const { store, calls } = fakeStore();
    const handler = createInvoice(store);
    for (const req of [post({ ...VALID, amount_cents: '100' }), jsonText('nope'), jsonText('x'.repeat(MAX_BODY_BYTES + 1))]) {
      expect((await handler(req, { user: { id: 1 } })).status).toBeGreaterThanOrEqual(400);
    }
    expect(calls).toEqual([]);
  });
});

describe('pitfalls.ts', () => {
  it('z.coerce accepts what the comments say; the strict version refuses all of it', () => {
    expect(CoercedCents.parse('100')).toBe(100);
    expect(CoercedCents.parse('1e3')).toBe(1000);
    expect(CoercedCents.parse(' 7 ')).toBe(7);
    expect(CoercedCents.parse(true)).toBe(1);
    expect(CoercedCents.parse([5])).toBe(5);
    for (const value of ['100', '1e3', ' 7 ', true, [5]]) {
      expect(Cents.safeParse(value).success).toBe(false);
    }
  });

  it('z.object strips unknown keys; z.strictObject reports them', () => {
    expect(Stripping.parse({ amount_cents: 5, owner_id: 2 })).toEqual({ amount_cents: 5 });
    const result = Rejecting.safeParse({ amount_cents: 5, owner_id: 2 });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual([{ path: 'owner_id', message: 'Unknown field' }]);
  });

  it('PageNumber accepts plain whole numbers only', () => {
    expect(PageNumber.parse('3')).toBe(3);
    for (const raw of ['', '0', '1e3', ' 3', '3.0', '-1', '1234567']) {
      expect(PageNumber.safeParse(raw).success).toBe(false);
    }
  });

  it('JSON.parse is safe, but mergeDeep on its output pollutes Object.prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"admin":true}}');
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    try {
      mergeDeep({}, parsed);
      expect(({} as Record<string, unknown>).admin).toBe(true);
    } finally {
      delete (Object.prototype as Record<string, unknown>).admin;
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(mergeDeep({ a: { b: 1 } }, { a: { c: 2 }, d: 3 })).toEqual({ a: { b: 1, c: 2 }, d: 3 });
  });
});

describe('openapi.ts: code first', () => {
  const post = document.paths['/invoices'].post;

  it('generates exactly the request schema the chapter shows', () => {
    expect(post.requestBody.content['application/json'].schema).toEqual(producedRequestSchema);
  });

  it('the output side would mark memo required; the input side does not', () => {
    expect(z.toJSONSchema(CreateInvoice, { io: 'output' }).required).toContain('memo');
    expect(producedRequestSchema.required).not.toContain('memo');
  });

  it('describes the 422 body that parseJsonBody really sends', async () => {
    const schema = post.responses['422'].content['application/json'].schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['error', 'fields'] });
    const result = await parseJsonBody(post_(), CreateInvoice, { maxBytes: 1024 });
    if (result.ok) throw new Error('expected a failure');
    expect(ValidationFailed.safeParse(await result.response.json()).success).toBe(true);
  });
});

function post_() {
  return request('POST', '/invoices', { body: { amount_cents: 1.5 } });
}
