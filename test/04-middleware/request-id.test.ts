import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { requestId, type Handler, type RequestIdContext } from '@exercise/04-middleware/request-id';
import { headerValue } from '../../src/workbook/testing/boundaries.ts';
import { read, request } from '../../src/workbook/testing/http.ts';
import { expectOwnResponses, turns } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, showInput } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The brief's rule, as plainly as it can be written: the oracle every generated id is judged by. */
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-';
const wellFormed = (id: string) => id.length >= 1 && id.length <= 64 && [...id].every((c) => ID_CHARS.includes(c));

/** What the server reads back from a header value (fetch trims spaces and tabs at the ends). */
const asReceived = (value: string) => new Headers({ 'X-Request-Id': value }).get('X-Request-Id')!;

/**
 * Ids to judge: well-formed ones of every length up to the maximum, the
 * maximum and one past it, a well-formed id with one character the rule
 * leaves out (spaces, quotes, `=`, `;`, `<`, `%`, Latin-1 letters …) at
 * any position, and arbitrary header values.
 */
const idText = (() => {
  const idChar = fc.constantFrom(...ID_CHARS);
  const good = fc.string({ unit: idChar, minLength: 1, maxLength: 64 });
  const atLimit = fc.integer({ min: 62, max: 66 }).chain((n) => fc.string({ unit: idChar, minLength: n, maxLength: n }));
  const stray = fc.constantFrom(' ', '\t', '"', "'", '=', ';', ':', ',', '<', '>', '%', '/', '\\', '+', '~', '[', ']', '{', '}', '|', '!', '*', '@', 'é', 'ÿ', '\u00a0');
  const oneBad = fc.tuple(good, stray, fc.nat()).map(([id, bad, at]) => {
    const i = at % (id.length + 1);
    return id.slice(0, i) + bad + id.slice(i);
  });
  return fc.oneof(good, atLimit, oneBad, headerValue({ maxLength: 70 }), fc.constant(''));
})();

interface Seen extends RequestIdContext {
  tenant: string;
}

/** A handler that records the context it was given and echoes the id in its body. */
function setup(respond?: (ctx: Seen) => Response) {
  const seen: Seen[] = [];
  const handler: Handler<Seen> = vi.fn(async (_request: Request, ctx: Seen) => {
    seen.push(ctx);
    return respond ? respond(ctx) : Response.json({ seen: ctx.requestId });
  });
  const app = requestId<{ tenant: string }>(handler);
  const send = async (headers: Record<string, string> = {}) =>
    read(await app(request('GET', '/invoices', { headers }), { tenant: 'acme' }));
  return { app, handler, seen, send };
}

describe('request-id', () => {
  it('generates a UUID when the request has no X-Request-Id', async () => {
    const { send, seen } = setup();
    const res = await send();
    await expectResponse(res, { status: 200, headers: { 'x-request-id': UUID } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.requestId).toMatch(UUID);
  });

  it('hands the handler the same id it echoes in the X-Request-Id response header', async () => {
    const { send } = setup();
    const res = await send();
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(res.json).toEqual({ seen: res.headers.get('x-request-id') });
  });

  it('generates a different id for every request', async () => {
    const { send } = setup();
    const ids = new Set<string | null>();
    for (let i = 0; i < 20; i++) ids.add((await send()).headers.get('x-request-id'));
    expect(ids.size).toBe(20);
  });

  it('keeps the fields the caller’s context already had', async () => {
    const { send, seen } = setup();
    await send();
    expect(seen[0]!.tenant).toBe('acme');
  });

  it('keeps an incoming id exactly when it is 1 to 64 characters of A-Z a-z 0-9 . _ -, and answers 400 JSON otherwise', async () => {
    const { app, handler, seen } = setup();
    await checkProperty(
      'the X-Request-Id rule',
      idText,
      async (value) => {
        const received = asReceived(value);
        const res = await read(await app(request('GET', '/invoices', { headers: { 'X-Request-Id': value } }), { tenant: 'acme' }));
        if (wellFormed(received)) {
          if (res.status !== 200) return `was answered ${res.status} ${res.text}; a well-formed id must be kept`;
          if (seen[0]?.requestId !== received) return `reached the handler as ${JSON.stringify(seen[0]?.requestId)}; expected the id itself`;
          if (res.headers.get('x-request-id') !== received) return `came back as X-Request-Id: ${JSON.stringify(res.headers.get('x-request-id'))}; expected the id itself`;
          return;
        }
        if (res.status !== 400) return `was answered ${res.status}; expected 400 invalid_request_id`;
        if (vi.mocked(handler).mock.calls.length > 0) return 'reached the handler; a malformed id must be answered without calling next';
        await expectResponse(res, { status: 400, json: { equals: { error: 'invalid_request_id' } }, headers: { 'x-request-id': UUID } });
      },
      {
        show: (value) => `X-Request-Id: ${showInput(value)}`,
        before: () => {
          seen.length = 0;
          vi.mocked(handler).mockClear();
        },
      },
    );
  });

  it('keeps an id of exactly 64 characters, the documented maximum, and refuses 65', async () => {
    const { send, seen } = setup();
    const max = 'x'.repeat(64);
    expect((await send({ 'X-Request-Id': max })).headers.get('x-request-id')).toBe(max);
    expect(seen[0]!.requestId).toBe(max);
    expect((await send({ 'X-Request-Id': `${max}x` })).status).toBe(400);
  });

  it('reads the header case-insensitively, as HTTP requires', async () => {
    const { send, seen } = setup();
    await send({ 'x-request-id': 'lower-case-name' });
    expect(seen[0]!.requestId).toBe('lower-case-name');
  });

  it.each([
    ['an empty header: present but empty is malformed, not absent', ''],
    ['a log-forging attempt', 'ok] level=admin [x'],
  ])('answers 400 JSON without calling the handler for %s', async (_what, id) => {
    const { send, handler } = setup();
    await expectResponse(await send({ 'X-Request-Id': id }), {
      status: 400,
      json: { equals: { error: 'invalid_request_id' } },
      headers: { 'x-request-id': UUID },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('puts a fresh id on every 400, never the malformed one', async () => {
    const { send } = setup();
    const first = await send({ 'X-Request-Id': 'abc def' });
    const second = await send({ 'X-Request-Id': 'abc def' });
    expect(first.status).toBe(400);
    expect(first.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('gives overlapping requests their own ids, also when they share one context object', async () => {
    // The handler reads ctx.requestId only after the later requests have
    // started, as a handler that awaits a query first would.
    const count = 6;
    const app = requestId<{ tenant: string }>(async (_request, ctx) => {
      const i = Number(/^req-(\d)$/.exec(ctx.requestId)?.[1] ?? '0');
      await turns(count - i);
      return Response.json({ seen: ctx.requestId });
    });
    await expectOwnResponses({
      count,
      makeCtx: () => ({ tenant: 'acme' }),
      call: async (i, ctx) => read(await app(request('GET', '/invoices', { headers: { 'X-Request-Id': `req-${i}` } }), ctx)),
      check: (i, res) => {
        if (res.json?.seen !== `req-${i}`) return `the handler saw ${JSON.stringify(res.json?.seen)}, not req-${i}: build a new context ({ ...ctx, requestId }), never write into the caller's`;
        if (res.headers.get('x-request-id') !== `req-${i}`) return `the response carried X-Request-Id ${res.headers.get('x-request-id')}, not req-${i}`;
      },
    });
  });

  it('leaves the caller’s context object as it was', async () => {
    const { app } = setup();
    const ctx = { tenant: 'acme' };
    await app(request('GET', '/invoices', { headers: { 'X-Request-Id': 'edge-1' } }), ctx);
    expect(ctx).toEqual({ tenant: 'acme' });
  });

  it('replaces a requestId already in the caller’s context with this request’s id', async () => {
    const seen: string[] = [];
    const app = requestId<{ requestId: string }>(async (_request, ctx) => {
      seen.push(ctx.requestId);
      return Response.json({});
    });
    const res = await app(request('GET', '/invoices', { headers: { 'X-Request-Id': 'edge-2' } }), { requestId: 'stale-from-an-earlier-request' });
    expect(seen).toEqual(['edge-2']);
    expect(res.headers.get('x-request-id')).toBe('edge-2');
  });

  it('echoes the id on the handler’s error responses too', async () => {
    const { send } = setup(() => Response.json({ error: 'not_found' }, { status: 404 }));
    const res = await send({ 'X-Request-Id': 'trace-404' });
    await expectResponse(res, { status: 404, json: { equals: { error: 'not_found' } }, headers: { 'x-request-id': 'trace-404' } });
  });

  it('keeps the handler’s status, headers and body', async () => {
    const { send } = setup(
      () => new Response('created', { status: 201, headers: { Location: '/invoices/9', 'Content-Type': 'text/plain' } }),
    );
    const res = await send();
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/invoices/9');
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.text).toBe('created');
  });

  it.each([204, 304])('passes on a %i, which has no body, with the id set', async (status) => {
    const { send } = setup(() => new Response(null, { status, headers: { ETag: '"v1"' } }));
    const res = await send({ 'X-Request-Id': `no-body-${status}` });
    await expectResponse(res, { status, json: false, headers: { 'x-request-id': `no-body-${status}`, etag: '"v1"' } });
  });

  it('passes a streamed body on as it comes, without waiting for its end', async () => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const encode = (text: string) => new TextEncoder().encode(text);
    const { app } = setup(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(encode('first '));
            },
            async pull(controller) {
              await finished;
              controller.enqueue(encode('last'));
              controller.close();
            },
          }),
        ),
    );
    const pending = app(request('GET', '/export', { headers: { 'X-Request-Id': 'stream-1' } }), { tenant: 'acme' });
    const first = await Promise.race([pending, turns(20).then(() => 'still waiting' as const)]);
    finish();
    expect(first, 'the middleware waited for the whole body: copy the response with new Response(response.body, response), not await response.text()').not.toBe('still waiting');
    const res = await read(await pending);
    expect(res.headers.get('x-request-id')).toBe('stream-1');
    expect(res.text).toBe('first last');
  });

  it('sets the header even when the handler’s Response has immutable headers (Response.redirect)', async () => {
    const { send } = setup(() => Response.redirect('http://workbook.test/login', 302));
    const res = await send({ 'X-Request-Id': 'redirect-1' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://workbook.test/login');
    expect(res.headers.get('x-request-id')).toBe('redirect-1');
  });

  it('replaces an X-Request-Id the handler set by mistake with the request’s id', async () => {
    const { send } = setup(() => Response.json({}, { headers: { 'X-Request-Id': 'handler-made-this-up' } }));
    const res = await send({ 'X-Request-Id': 'the-real-one' });
    expect(res.headers.get('x-request-id')).toBe('the-real-one');
  });
});
