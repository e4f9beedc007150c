import { describe, expect, it, vi } from 'vitest';
import { requestId, type Handler, type RequestIdContext } from '@exercise/04-middleware/request-id';
import { read, request } from '../../src/workbook/testing/http.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
    expect(res.status).toBe(200);
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

  it.each(['abc-123', 'req_2026.01.15-0001', 'A', 'x'.repeat(64), '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d'])(
    'keeps the well-formed incoming id %j and passes it to the handler',
    async (id) => {
      const { send, seen } = setup();
      const res = await send({ 'X-Request-Id': id });
      expect(res.status).toBe(200);
      expect(seen[0]!.requestId).toBe(id);
      expect(res.headers.get('x-request-id')).toBe(id);
    },
  );

  it('reads the header case-insensitively, as HTTP requires', async () => {
    const { send, seen } = setup();
    await send({ 'x-request-id': 'lower-case-name' });
    expect(seen[0]!.requestId).toBe('lower-case-name');
  });

  it.each([
    ['65 characters', 'x'.repeat(65)],
    ['an empty header', ''],
    ['a space', 'abc def'],
    ['a quote', 'abc"def'],
    ['HTML', '<script>alert(1)</script>'],
    ['a semicolon', 'a;b'],
    ['an equals sign', 'abc=='],
    ['a slash', '../../etc/passwd'],
    ['a non-ASCII letter', 'réq-1'],
    ['a log-forging attempt', 'ok] level=admin [x'],
  ])('answers 400 without calling the handler for an id with %s', async (_what, id) => {
    const { send, handler } = setup();
    const res = await send({ 'X-Request-Id': id });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'invalid_request_id' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('puts a fresh id on the 400, never the malformed one', async () => {
    const { send } = setup();
    const res = await send({ 'X-Request-Id': 'abc def' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('echoes the id on the handler’s error responses too', async () => {
    const { send } = setup(() => Response.json({ error: 'not_found' }, { status: 404 }));
    const res = await send({ 'X-Request-Id': 'trace-404' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-404');
    expect(res.json).toEqual({ error: 'not_found' });
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
