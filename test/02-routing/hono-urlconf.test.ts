import { describe, expect, it, vi } from 'vitest';
import { createApp, type Invoice, type InvoiceStore } from '@exercise/02-routing/hono-urlconf';
import { read } from '../../src/workbook/testing/http.ts';

const rows: Invoice[] = [
  { id: 1, number: 'INV-001', totalCents: 15000 },
  { id: 7, number: 'INV-007', totalCents: 8990 },
];

function setup() {
  const store: InvoiceStore = {
    list: vi.fn(() => rows),
    get: vi.fn((id: number) => rows.find((r) => r.id === id)),
  };
  const app = createApp(store);
  const send = async (path: string, init?: RequestInit) => read(await app.request(path, init));
  return { store, send };
}

describe('hono-urlconf', () => {
  it('lists invoices at GET /api/invoices', async () => {
    const { send } = setup();
    const res = await send('/api/invoices');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ invoices: rows });
  });

  it('shows one invoice at GET /api/invoices/:id', async () => {
    const { send } = setup();
    const res = await send('/api/invoices/7');
    expect(res.status).toBe(200);
    expect(res.json).toEqual(rows[1]);
  });

  it('returns 404 JSON for an invoice that does not exist', async () => {
    const { send } = setup();
    const res = await send('/api/invoices/999');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found' });
  });

  it.each(['abc', '1e0', '-1', '1.0', '0x1'])(
    'rejects the non-digit id %j with a 404 before the handler touches the store (like <int:pk>)',
    async (id) => {
      const { send, store } = setup();
      const res = await send(`/api/invoices/${id}`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: 'not_found' });
      expect(store.get).not.toHaveBeenCalled();
    },
  );

  it('answers every unknown path with a JSON 404, not Hono’s text/plain default', async () => {
    const { send } = setup();
    for (const path of ['/api/nope', '/invoices', '/', '/api']) {
      const res = await send(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json\b/);
      expect(res.json, path).toEqual({ error: 'not_found' });
    }
  });

  it('mounts the routes under /api only', async () => {
    const { send } = setup();
    expect((await send('/invoices/1')).status).toBe(404);
  });

  it('answers a wrong method with 405 JSON and Allow: GET, HEAD', async () => {
    const { send } = setup();
    for (const [method, path] of [['POST', '/api/invoices'], ['DELETE', '/api/invoices/1'], ['PUT', '/api/invoices/1']] as const) {
      const res = await send(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.json).toEqual({ error: 'method_not_allowed' });
    }
  });

  it('redirects a trailing slash to the canonical path', async () => {
    const { send } = setup();
    const res = await send('/api/invoices/');
    expect([301, 308]).toContain(res.status);
    expect(new URL(res.headers.get('location')!, 'http://localhost').pathname).toBe('/api/invoices');
  });

  it('answers HEAD like GET with an empty body', async () => {
    const { send } = setup();
    const res = await send('/api/invoices', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});
