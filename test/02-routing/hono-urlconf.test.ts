import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type Invoice, type InvoiceStore } from '@exercise/02-routing/hono-urlconf';
import { read } from '../../src/workbook/testing/http.ts';
import { overlapping } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, showInput, type Verdict } from '../../src/workbook/testing/properties.ts';
import { expectHeadLikeGet, expectResponse } from '../../src/workbook/testing/responses.ts';

const rows: Invoice[] = [
  { id: 1, number: 'INV-001', totalCents: 15000 },
  { id: 7, number: 'INV-007', totalCents: 8990 },
];

function setup(store?: InvoiceStore) {
  const spied: InvoiceStore = store ?? {
    list: vi.fn(() => rows),
    get: vi.fn((id: number) => rows.find((r) => r.id === id)),
  };
  const app = createApp(spied);
  const fetch = (path: string, init?: RequestInit) => app.request(path, init);
  const send = async (path: string, init?: RequestInit) => read(await fetch(path, init));
  return { store: spied, fetch, send };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const NOT_FOUND = { equals: { error: 'not_found' } };
const METHOD_NOT_ALLOWED = { equals: { error: 'method_not_allowed' } };

/** Django's <int:pk> is the regular expression [0-9]+ (ASCII digits only), then int(). */
const INT_CONVERTER = /^[0-9]+$/;

/** Path segments a client may put where the id goes: digits of every length (leading zeros too) and text that only looks numeric. */
const idSegment = fc.oneof(
  fc.stringMatching(/^[0-9]{1,25}$/),
  fc.constantFrom('1', '7', '007', '0', '999', '1e0', '-1', '+7', '1.0', '0x1', '7abc', 'abc', '١', '７', 'Infinity', 'NaN', '__proto__', ' 7', '7 '),
);

const METHODS_BUT_GET = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

describe('hono-urlconf', () => {
  it('lists invoices at GET /api/invoices', async () => {
    const { send } = setup();
    await expectResponse(await send('/api/invoices'), { status: 200, json: { equals: { invoices: rows } } });
  });

  it('shows one invoice at GET /api/invoices/:id', async () => {
    const { send } = setup();
    await expectResponse(await send('/api/invoices/7'), { status: 200, json: { equals: rows[1] } });
  });

  it('returns 404 JSON for an invoice that does not exist', async () => {
    const { send } = setup();
    await expectResponse(await send('/api/invoices/999'), { status: 404, json: NOT_FOUND });
  });

  it.each(['abc', '1e0', '-1', '1.0', '0x1'])(
    'rejects the non-digit id %j with a 404 before the handler touches the store (like <int:pk>)',
    async (id) => {
      const { send, store } = setup();
      await expectResponse(await send(`/api/invoices/${id}`), { status: 404, json: NOT_FOUND });
      expect(store.get).not.toHaveBeenCalled();
    },
  );

  it('takes exactly the ids <int:pk> takes: any run of ASCII digits reaches the store as a number, anything else is a 404 without it', async () => {
    await checkProperty(
      'the id is matched like <int:pk>',
      idSegment,
      async (id): Promise<Verdict> => {
        const { send, store } = setup();
        const res = await send(`/api/invoices/${encodeURIComponent(id)}`);
        const calls = vi.mocked(store.get).mock.calls.map(([arg]) => arg);
        if (!INT_CONVERTER.test(id)) {
          if (calls.length > 0) return `reached the store as store.get(${calls.map(String).join(', ')}); expected a 404 before any handler runs`;
          await expectResponse(res, { status: 404, json: NOT_FOUND });
          return;
        }
        if (calls.length !== 1 || calls[0] !== Number(id)) return `was looked up as ${calls.length ? calls.map((c) => `store.get(${JSON.stringify(c)})`).join(', ') : 'nothing'}; expected store.get(${Number(id)})`;
        const invoice = rows.find((r) => r.id === Number(id));
        await expectResponse(res, invoice ? { status: 200, json: { equals: invoice } } : { status: 404, json: NOT_FOUND });
      },
      { show: (id) => `/api/invoices/${showInput(id)}`, numRuns: 100 },
    );
  });

  it('answers every unknown path with a JSON 404, whatever the method, not Hono’s text/plain default', async () => {
    const unknown = fc.constantFrom('/api/nope', '/invoices', '/', '/api', '/api/invoices/7/items', '/api/invoicesx', '/API/invoices', '/api//invoices');
    await checkProperty(
      'an unknown path is a JSON 404',
      fc.tuple(fc.constantFrom('GET', ...METHODS_BUT_GET), unknown),
      async ([method, path]) => {
        const res = await setup().send(path, { method });
        if (res.status !== 404) return `was answered ${res.status}${res.headers.get('allow') ? ` (Allow: ${res.headers.get('allow')})` : ''}; expected 404 {"error":"not_found"}`;
        await expectResponse(res, { status: 404, json: NOT_FOUND });
      },
      { show: ([method, path]) => `${method} ${path}`, numRuns: 60 },
    );
  });

  it('mounts the routes under /api only', async () => {
    const { send } = setup();
    await expectResponse(await send('/invoices/1'), { status: 404, json: NOT_FOUND });
  });

  it('answers a wrong method with 405 JSON and Allow: GET, HEAD', async () => {
    const { send, store } = setup();
    for (const path of ['/api/invoices', '/api/invoices/1', '/api/invoices/999']) {
      for (const method of METHODS_BUT_GET.filter((m) => m !== 'OPTIONS')) {
        const res = await send(path, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        await expectResponse(res, { status: 405, json: METHOD_NOT_ALLOWED, headers: { allow: 'GET, HEAD' } });
      }
    }
    expect(store.get).not.toHaveBeenCalled();
  });

  // "Any method but GET/HEAD": not only the four a form or fetch() sends.
  // OPTIONS, WebDAV's PROPFIND, the new QUERY and a method nobody has
  // registered are requests for the same resource, and a 404 would tell
  // the client the invoice does not exist.
  it('answers any other method on the invoice paths with 405 and Allow: GET, HEAD, not 404', async () => {
    const method = fc.oneof(
      fc.constantFrom('OPTIONS', 'PROPFIND', 'QUERY', 'PURGE', 'LINK', 'REPORT', 'MKCOL'),
      fc.stringMatching(/^[A-Z][A-Z-]{2,11}$/).filter((m) => !['GET', 'HEAD', 'TRACE', 'TRACK', 'CONNECT'].includes(m)),
    );
    const path = fc.oneof(fc.constant('/api/invoices'), fc.stringMatching(/^[0-9]{1,6}$/).map((id) => `/api/invoices/${id}`));
    const { send, store } = setup();
    await checkProperty(
      'a method the invoice routes do not serve',
      fc.tuple(method, path),
      async ([m, p]) => {
        const res = await send(p, { method: m });
        if (res.status !== 405) return `was answered ${res.status}; expected 405 {"error":"method_not_allowed"} with Allow: GET, HEAD`;
        if (res.headers.get('allow') !== 'GET, HEAD') return `was answered 405 with Allow: ${JSON.stringify(res.headers.get('allow'))}; expected "GET, HEAD"`;
        await expectResponse(res, { status: 405, json: METHOD_NOT_ALLOWED, headers: { allow: 'GET, HEAD' } });
      },
      { show: ([m, p]) => `${m} ${p}`, numRuns: 60 },
    );
    expect(store.get).not.toHaveBeenCalled();
  });

  it('redirects a trailing slash to the canonical path, without the detail route taking "/api/invoices/" for an empty id', async () => {
    const { send, store } = setup();
    for (const [path, canonical] of [['/api/invoices/', '/api/invoices'], ['/api/invoices/7/', '/api/invoices/7']] as const) {
      const res = await send(path);
      expect([301, 308], `GET ${path}`).toContain(res.status);
      expect(new URL(res.headers.get('location')!, 'http://localhost').pathname, `GET ${path}`).toBe(canonical);
    }
    const asked = vi.mocked(store.get).mock.calls.map(([id]) => id);
    expect(asked, 'the redirects must not ask the store: like <int:pk>, an id is one digit or more').toEqual([]);
  });

  it('answers HEAD like GET: the same status and headers, an empty body — found, missing and unknown alike', async () => {
    const { fetch } = setup();
    for (const path of ['/api/invoices', '/api/invoices/7', '/api/invoices/999', '/api/nope']) {
      await expectHeadLikeGet((method) => fetch(path, { method }));
    }
  });

  it('turns an error thrown by the store into a JSON 500 that does not reveal it, and logs it', async () => {
    const secret = 'connect ECONNREFUSED db.internal:5432';
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing: InvoiceStore = {
      list: () => {
        throw new Error(secret);
      },
      get: () => {
        throw new Error(secret);
      },
    };
    const { send } = setup(failing);
    for (const path of ['/api/invoices', '/api/invoices/7']) {
      const res = await expectResponse(await send(path), { status: 500, json: true });
      expect(res.text, `GET ${path}: the 500's body must not contain the error's message`).not.toContain('ECONNREFUSED');
      expect(res.json, `GET ${path}`).toEqual({ error: 'internal' });
    }
    expect(log, 'the error must be logged with console.error').toHaveBeenCalled();
    expect(log.mock.calls.flat().some((arg) => String(arg instanceof Error ? arg.message : arg).includes(secret)), 'the log must carry the error').toBe(true);
  });

  it('answers overlapping requests through one app, each with its own invoice', async () => {
    const { fetch } = setup();
    const ids = [7, 1, 999, 7, 1, 999];
    const answers = await overlapping(ids.length, async (i) => read(await fetch(`/api/invoices/${ids[i]}`)));
    answers.forEach((res, i) => {
      const invoice = rows.find((r) => r.id === ids[i]);
      expect(res.status, `request ${i + 1}: /api/invoices/${ids[i]}`).toBe(invoice ? 200 : 404);
      expect(res.json, `request ${i + 1}: /api/invoices/${ids[i]}`).toEqual(invoice ?? { error: 'not_found' });
    });
  });
});
