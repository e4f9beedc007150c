import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { read } from '../../src/workbook/testing/http.ts';
import { expectHeadLikeGet, expectResponse } from '../../src/workbook/testing/responses.ts';

/** The message of the assertion `run` fails with ('' when it passes). */
async function complaint(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

const notFound = z.strictObject({ error: z.literal('not_found') });

describe('expectResponse', () => {
  it('passes a JSON error with the right status and shape, and returns it read', async () => {
    const res = await expectResponse(Response.json({ error: 'not_found' }, { status: 404 }), { status: 404, json: notFound });
    expect(res.json).toEqual({ error: 'not_found' });
  });

  it('accepts a charset parameter and an already-read response', async () => {
    const raw = new Response('{"ok":true}', { headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(await complaint(async () => expectResponse(await read(raw), { status: 200, json: { equals: { ok: true } } }))).toBe('');
  });

  it('names the status it got and the body that came with it', async () => {
    const message = await complaint(() => expectResponse(Response.json({ id: 4 }), { status: 404 }));
    expect(message).toMatch(/expected status 404, got 200 \(body: "\{\\"id\\":4\}"\)/);
  });

  it('refuses an error sent as text/plain even when status and words are right', async () => {
    const message = await complaint(() => expectResponse(new Response('not_found', { status: 404 }), { status: 404 }));
    expect(message).toMatch(/a 404 must be JSON: content-type was text\/plain/);
  });

  it('refuses a JSON content type over a body that is not JSON', async () => {
    const res = new Response('oops', { status: 400, headers: { 'content-type': 'application/json' } });
    expect(await complaint(() => expectResponse(res, { status: 400 }))).toMatch(/not valid JSON: "oops"/);
  });

  it('checks the shape with a zod schema, a predicate or an exact value', async () => {
    const body = () => Response.json({ error: 'not_found', detail: 'x' }, { status: 404 });
    expect(await complaint(() => expectResponse(body(), { status: 404, json: notFound }))).toMatch(/does not have the expected shape/);
    expect(await complaint(() => expectResponse(body(), { status: 404, json: (j) => (j.detail ? 'leaks detail' : undefined) }))).toMatch(/leaks detail/);
    expect(await complaint(() => expectResponse(body(), { status: 404, json: { equals: { error: 'not_found' } } }))).not.toBe('');
  });

  it('checks headers: exact, pattern, absent', async () => {
    const res = () => Response.json({}, { status: 201, headers: { location: '/invoices/7', 'x-powered-by': 'me' } });
    expect(await complaint(() => expectResponse(res(), { status: 201, headers: { location: /^\/invoices\/\d+$/ } }))).toBe('');
    expect(await complaint(() => expectResponse(res(), { status: 201, headers: { location: '/invoices/8' } }))).toMatch(/location header/);
    expect(await complaint(() => expectResponse(res(), { status: 201, headers: { 'x-powered-by': null } }))).toMatch(/must not send a x-powered-by/);
  });

  it('expects an empty body for 204 and for json: false', async () => {
    expect(await complaint(() => expectResponse(new Response(null, { status: 204 }), { status: 204 }))).toBe('');
    expect(await complaint(() => expectResponse(new Response('x', { status: 200 }), { status: 200, json: false }))).toMatch(/empty body/);
  });
});

describe('expectHeadLikeGet', () => {
  const good = (method: string) => new Response(method === 'HEAD' ? null : '{"a":1}', { status: 200, headers: { 'content-type': 'application/json', etag: '"1"' } });

  it('passes a HEAD with GET’s status and headers and no body', async () => {
    expect(await complaint(() => expectHeadLikeGet(good))).toBe('');
  });

  it('fails a HEAD that drops the status, a header, or keeps the body', async () => {
    expect(await complaint(() => expectHeadLikeGet((m) => (m === 'HEAD' ? new Response(null, { status: 204 }) : good(m))))).toMatch(/GET's status 200, got 204/);
    expect(await complaint(() => expectHeadLikeGet((m) => (m === 'HEAD' ? new Response(null, { headers: { 'content-type': 'application/json' } }) : good(m))))).toMatch(/headers GET sends/);
    expect(await complaint(() => expectHeadLikeGet((m) => new Response('{"a":1}', { status: 200, headers: good(m).headers })))).toMatch(/empty body/);
  });

  it('ignores headers that may change between two requests', async () => {
    let n = 0;
    const send = (m: string) => {
      const res = good(m);
      res.headers.set('x-request-id', String(n++));
      return res;
    };
    expect(await complaint(() => expectHeadLikeGet(send))).toBe('');
  });
});
