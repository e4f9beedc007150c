import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Params } from '@exercise/02-routing/router';
import { read, request } from '../../src/workbook/testing/http.ts';

const echo = (label: string) => (_req: Request, params: Params) => Response.json({ label, params: { ...params } });

function invoiceApi() {
  return createRouter()
    .on('GET', '/', echo('home'))
    .on('GET', '/invoices', echo('list'))
    .on('POST', '/invoices', echo('create'))
    .on('GET', '/invoices/new', echo('new-form'))
    .on('GET', '/invoices/:id', echo('detail'))
    .on('delete', '/invoices/:id', echo('delete'))
    .on('GET', '/customers/:customerId/invoices/:id', echo('nested'));
}

async function send(method: string, path: string) {
  return read(await invoiceApi().handle(request(method, path)));
}

describe('router', () => {
  it('routes a static path to its handler', async () => {
    const res = await send('GET', '/invoices');
    expect(res.status).toBe(200);
    expect(res.json.label).toBe('list');
  });

  it('routes the root path "/"', async () => {
    expect((await send('GET', '/')).json.label).toBe('home');
  });

  it('chooses the handler by method on the same path', async () => {
    expect((await send('POST', '/invoices')).json.label).toBe('create');
  });

  it('captures a :param segment and passes it to the handler', async () => {
    const res = await send('GET', '/invoices/42');
    expect(res.json).toEqual({ label: 'detail', params: { id: '42' } });
  });

  it('captures several params', async () => {
    const res = await send('GET', '/customers/7/invoices/42');
    expect(res.json.params).toEqual({ customerId: '7', id: '42' });
  });

  it('tries routes in registration order: /invoices/new is registered before /invoices/:id and wins', async () => {
    expect((await send('GET', '/invoices/new')).json.label).toBe('new-form');
  });

  it('treats the registered method case-insensitively', async () => {
    expect((await send('DELETE', '/invoices/3')).json.label).toBe('delete');
  });

  it('returns 404 JSON when no route matches the path', async () => {
    const res = await send('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found' });
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  });

  it('does not let a param match an empty segment or extra segments', async () => {
    expect((await send('GET', '/invoices/42/extra')).status).toBe(404);
    expect((await send('GET', '/customers//invoices/1')).status).toBe(404);
  });

  it('returns 405, not 404, when the path exists but the method does not', async () => {
    const res = await send('PUT', '/invoices/42');
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ error: 'method_not_allowed' });
  });

  it('lists the allowed methods in Allow, sorted, with HEAD whenever GET is allowed', async () => {
    expect((await send('PUT', '/invoices/42')).headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect((await send('DELETE', '/invoices')).headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers HEAD with the GET handler’s status and headers and an empty body', async () => {
    const res = await send('HEAD', '/invoices/42');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.text).toBe('');
  });

  it('answers HEAD on a path with no GET route with 405', async () => {
    const router = createRouter().on('POST', '/upload', echo('upload'));
    const res = await read(await router.handle(request('HEAD', '/upload')));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('ignores the query string when matching', async () => {
    expect((await send('GET', '/invoices?page=2&sort=-id')).json.label).toBe('list');
  });

  it('redirects a trailing slash to the canonical path with 308, keeping the query', async () => {
    const res = await send('GET', '/invoices/?page=2');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/invoices?page=2');
  });

  it('returns 404 for a trailing slash when the slash-less path has no route either', async () => {
    expect((await send('GET', '/nope/')).status).toBe(404);
  });

  it('percent-decodes params', async () => {
    expect((await send('GET', '/invoices/caf%C3%A9')).json.params).toEqual({ id: 'café' });
    expect((await send('GET', '/invoices/a%2Fb')).json.params).toEqual({ id: 'a/b' });
  });

  it('returns 400 for a malformed percent-escape without calling the handler', async () => {
    const handler = vi.fn(echo('detail'));
    const router = createRouter().on('GET', '/invoices/:id', handler);
    const res = await read(await router.handle(request('GET', '/invoices/%E0%A4%A')));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'bad_request' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('treats "__proto__" and "constructor" segments as plain values without touching Object.prototype', async () => {
    const res = await send('GET', '/invoices/__proto__');
    expect(res.status).toBe(200);
    expect(res.json.params).toEqual({ id: '__proto__' });
    const router = createRouter().on('GET', '/x/:__proto__', (_r, params) => Response.json({ value: params['__proto__'] }));
    const odd = await read(await router.handle(request('GET', '/x/polluted')));
    expect(odd.json).toEqual({ value: 'polluted' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await send('GET', '/invoices/constructor')).json.params).toEqual({ id: 'constructor' });
  });

  it('passes the original Request to the handler', async () => {
    let seen: Request | undefined;
    const router = createRouter().on('POST', '/echo', async (req) => {
      seen = req;
      return new Response(await req.text());
    });
    const res = await read(await router.handle(request('POST', '/echo', { body: 'hello' })));
    expect(res.text).toBe('hello');
    expect(seen?.method).toBe('POST');
  });

  it('awaits async handlers and keeps their status and headers', async () => {
    const router = createRouter().on('GET', '/slow', async () => {
      await Promise.resolve();
      return new Response('made', { status: 201, headers: { 'X-Kind': 'async' } });
    });
    const res = await read(await router.handle(request('GET', '/slow')));
    expect(res.status).toBe(201);
    expect(res.headers.get('x-kind')).toBe('async');
  });
});
