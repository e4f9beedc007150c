/**
 * Chapter 2's snippets, exercised: every claim the chapter makes about
 * them (and about Hono and URLPattern) is asserted here.
 */
import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { trimTrailingSlash } from 'hono/trailing-slash';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createApp } from '../../content/02-routing/snippets/hono-app.ts';
import {
  memoryStore,
  type Invoice,
  type InvoiceStore,
} from '../../content/02-routing/snippets/invoices.ts';
import {
  invoiceRoutes,
  naiveRouter,
} from '../../content/02-routing/snippets/route-table.ts';
import { fixed, shadowed } from '../../content/02-routing/snippets/shadowing.ts';
import { billingClient, invoiceUrl, typos } from '../../content/02-routing/snippets/typed-client.ts';
import {
  customer,
  invoice,
  params,
} from '../../content/02-routing/snippets/urlpattern.ts';
import { read, request } from '../../src/workbook/testing/http.ts';

const rows: Invoice[] = [
  { id: 1, number: 'INV-001', totalCents: 15000 },
  { id: 7, number: 'INV-007', totalCents: 8990 },
];

function spiedStore(): InvoiceStore {
  const store = memoryStore(rows);
  return {
    list: vi.fn(store.list),
    get: vi.fn(store.get),
    delete: vi.fn(store.delete),
  };
}

describe('invoices.ts: memoryStore', () => {
  it('lists, gets and deletes by id without touching the input rows', () => {
    const store = memoryStore(rows);
    expect(store.list()).toEqual(rows);
    expect(store.get(7)).toEqual(rows[1]);
    expect(store.delete(7)).toBe(true);
    expect(store.delete(7)).toBe(false);
    expect(store.get(7)).toBeUndefined();
    expect(rows).toHaveLength(2);
  });
});

describe('route-table.ts: routes as data and a naive matcher', () => {
  const setup = () => {
    const store = spiedStore();
    const handle = naiveRouter(invoiceRoutes(store));
    const send = async (method: string, path: string) =>
      read(await handle(request(method, path)));
    return { store, send };
  };

  it('serves the list and one invoice, params arriving as strings', async () => {
    const { send, store } = setup();
    const list = await send('GET', '/api/invoices');
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ invoices: rows });
    const one = await send('GET', '/api/invoices/7');
    expect(one.json).toEqual(rows[1]);
    expect(store.get).toHaveBeenCalledWith(7);
  });

  it('ignores the query string (the pattern only constrains the pathname)', async () => {
    const { send } = setup();
    expect((await send('GET', '/api/invoices?page=2')).status).toBe(200);
  });

  it('chooses DELETE by method on the same path', async () => {
    const { send } = setup();
    expect((await send('DELETE', '/api/invoices/1')).status).toBe(204);
    expect((await send('GET', '/api/invoices/1')).status).toBe(404);
  });

  it('lets the ([0-9]+) constraint reject "abc" before a handler runs', async () => {
    const { send, store } = setup();
    const res = await send('GET', '/api/invoices/abc');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found' });
    expect(store.get).not.toHaveBeenCalled();
  });

  it('is deliberately incomplete: wrong method, HEAD and a trailing slash are all 404', async () => {
    const { send } = setup();
    expect((await send('POST', '/api/invoices')).status).toBe(404);
    expect((await send('HEAD', '/api/invoices')).status).toBe(404);
    expect((await send('GET', '/api/invoices/')).status).toBe(404);
  });
});

describe('urlpattern.ts: the platform matcher', () => {
  it('URLPattern is a global in this Node', () => {
    expect(typeof globalThis.URLPattern).toBe('function');
  });

  it('gives what the comments in the snippet say', () => {
    expect(params(invoice, '/invoices/42?page=2')).toEqual({ id: '42' });
    expect(params(invoice, '/invoices/abc')).toBeNull();
    expect(params(invoice, '/invoices/42/')).toBeNull();
    expect(params(customer, '/customers/caf%C3%A9')).toEqual({
      name: 'caf%C3%A9',
    });
  });

  it('captures strings, never numbers', () => {
    expect(typeof params(invoice, '/invoices/42')?.id).toBe('string');
  });

  it('does not match an empty segment', () => {
    expect(params(customer, '/customers/')).toBeNull();
  });
});

describe('hono-app.ts: the URLconf in Hono', () => {
  const setup = () => {
    const store = spiedStore();
    const app = createApp(store);
    const send = async (path: string, init?: RequestInit) =>
      read(await app.request(path, init));
    return { app, store, send };
  };

  it('mounts the list under /api, like include()', async () => {
    const { send } = setup();
    const res = await send('/api/invoices');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ invoices: rows });
    expect((await send('/invoices')).status).toBe(404);
  });

  it('serves one invoice, and a JSON 404 for a missing one', async () => {
    const { send } = setup();
    expect((await send('/api/invoices/7')).json).toEqual(rows[1]);
    const missing = await send('/api/invoices/999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'not_found' });
  });

  it('{[0-9]+} plays the part of <int:pk>: "abc" never reaches the store', async () => {
    const { send, store } = setup();
    for (const id of ['abc', '-1', '1e3']) {
      const res = await send(`/api/invoices/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.json, id).toEqual({ error: 'not_found' });
    }
    expect(store.get).not.toHaveBeenCalled();
  });

  it('answers unknown paths through app.notFound with JSON', async () => {
    const { send } = setup();
    const res = await send('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('deletes with DELETE on the same path', async () => {
    const { send } = setup();
    expect((await send('/api/invoices/1', { method: 'DELETE' })).status).toBe(204);
    expect((await send('/api/invoices/1')).status).toBe(404);
  });

  it('answers a wrong method with 404, not 405, by default', async () => {
    const { send } = setup();
    const res = await send('/api/invoices', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
  });

  it('answers HEAD with the GET handler and an empty body', async () => {
    const { send, store } = setup();
    const res = await send('/api/invoices', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(store.list).toHaveBeenCalledOnce();
  });

  it('is strict about trailing slashes: /api/invoices/ is a 404', async () => {
    const { send } = setup();
    expect((await send('/api/invoices/')).status).toBe(404);
  });

  it('turns a thrown error into a JSON 500 through app.onError', async () => {
    const store = { ...spiedStore(), list: () => { throw new Error('db down'); } };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await read(await createApp(store).request('/api/invoices'));
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ error: 'internal' });
      expect(res.text).not.toContain('db down');
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
    }
  });

  it('app.fetch is still a (Request) => Response function', async () => {
    const { app } = setup();
    const fetchLike: (r: Request) => Response | Promise<Response> = app.fetch;
    const res = await fetchLike(request('GET', '/api/invoices/1'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(rows[0]);
  });
});

describe('Hono facts the chapter states', () => {
  it('tries routes in registration order, so :number shadows /new', async () => {
    const app = new Hono()
      .get('/invoices/:number', (c) => c.json({ number: c.req.param('number') }))
      .get('/invoices/new', (c) => c.json({ form: 'new_invoice' }));
    expect(await (await app.request('/invoices/new')).json()).toEqual({ number: 'new' });
  });

  it('percent-decodes params, and passes a malformed escape through raw', async () => {
    const app = new Hono().get('/c/:name', (c) => c.json({ name: c.req.param('name') }));
    expect(await (await app.request('/c/caf%C3%A9')).json()).toEqual({ name: 'café' });
    expect(await (await app.request('/c/%E0%A4%A')).json()).toEqual({ name: '%E0%A4%A' });
  });

  it('hono/method-not-allowed turns the 404 into 405 with Allow', async () => {
    const app = new Hono();
    app.use(methodNotAllowed({ app }));
    app.get('/invoices', (c) => c.json([]));
    const res = await app.request('/invoices', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('hono/trailing-slash redirects /invoices/ with a 301', async () => {
    const app = new Hono();
    app.use(trimTrailingSlash());
    app.get('/invoices', (c) => c.json([]));
    const res = await app.request('/invoices/?page=2');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('http://localhost/invoices?page=2');
    const post = await app.request('/invoices/', { method: 'POST' });
    expect(post.status).toBe(404);
  });
});

describe('shadowing.ts: route order', () => {
  it('the :number route registered first swallows /invoices/new', async () => {
    const res = await read(await naiveRouter(shadowed)(request('GET', '/invoices/new')));
    expect(res.json).toEqual({ number: 'new' });
  });

  it('registering the static route first fixes it', async () => {
    const handle = naiveRouter(fixed);
    expect((await read(await handle(request('GET', '/invoices/new')))).json).toEqual({ form: 'new_invoice' });
    expect((await read(await handle(request('GET', '/invoices/INV-001')))).json).toEqual({ number: 'INV-001' });
  });

  it('the naive router hands params over still percent-encoded', async () => {
    const res = await read(await naiveRouter(fixed)(request('GET', '/invoices/caf%C3%A9')));
    expect(res.json).toEqual({ number: 'caf%C3%A9' });
  });
});

describe('JavaScript facts behind the pitfalls section', () => {
  it('Number() accepts strings a converter would reject', () => {
    expect(Number('')).toBe(0);
    expect(Number('1e3')).toBe(1000);
  });

  it('a malformed escape makes decodeURIComponent throw URIError', () => {
    expect(() => decodeURIComponent('%E0%A4%A')).toThrow(URIError);
    expect(decodeURIComponent('caf%C3%A9')).toBe('café');
  });

  it('assigning "__proto__" on a plain object silently drops the value', () => {
    const plain: Record<string, string> = {};
    plain['__proto__'] = 'x';
    expect(Object.keys(plain)).toEqual([]);
    const bare: Record<string, string> = Object.create(null);
    bare['__proto__'] = 'x';
    expect(bare['__proto__']).toBe('x');
  });

  it('indexing a plain object with a path segment finds inherited members', () => {
    const greetings: Record<string, string> = { en: 'Hello', fr: 'Bonjour' };
    expect(typeof greetings['constructor']).toBe('function');
    expect(greetings['toString']).toBeDefined();
    expect(Object.hasOwn(greetings, 'constructor')).toBe(false);
    const map = new Map(Object.entries(greetings));
    expect(map.get('constructor')).toBeUndefined();
  });
});

describe('typed-client.ts: hono/client, the compile-time reverse()', () => {
  it('builds the URL of a route from the app’s type', () => {
    expect(invoiceUrl(7).href).toBe('https://billing.example/api/invoices/7');
  });

  it('calls the real app, and the response body is typed from the handler', async () => {
    const app = createApp(memoryStore(rows));
    const client = billingClient('http://test', async (input, init) => app.fetch(new Request(input, init)));
    const res = await client.api.invoices[':id{[0-9]+}'].$get({ param: { id: '7' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expectTypeOf(body).toEqualTypeOf<Invoice | { readonly error: 'not_found' }>();
    expect(body).toEqual({ id: 7, number: 'INV-007', totalCents: 8990 });
  });

  it('reads the routes from the inferred type: an app typed plain `Hono` gives a client with none', async () => {
    const { hc } = await import('hono/client');
    const untyped = hc<Hono>('https://billing.example');
    // @ts-expect-error -- the Hono type's schema is empty: no /api here
    expect(untyped.api).toBeDefined(); // (at run time the proxy answers anything)
  });

  it('only tsc catches a mistake: at run time the client builds whatever URL it is asked for', () => {
    // typos() compiles only because each mistake carries @ts-expect-error; run, it
    // raises nothing and returns a URL with the pattern still in it.
    expect(decodeURIComponent(typos().pathname)).toBe('/api/invoices/:id{[0-9]+}');
  });
});
