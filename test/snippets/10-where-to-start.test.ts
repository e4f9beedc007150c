import { describe, expect, it, vi } from 'vitest';
import { compareResponses, replay, shadow, type Mismatch } from '../../content/10-where-to-start/snippets/compare.ts';
import { diffJson } from '../../content/10-where-to-start/snippets/json-diff.ts';
import {
  bucket,
  chooseSide,
  forwardTo,
  sessionKey,
  strangler,
  type Handler,
  type StranglerOptions,
} from '../../content/10-where-to-start/snippets/proxy.ts';
import { read, request } from '../../src/workbook/testing/http.ts';

const side = (name: string): Handler => async () => Response.json({ side: name });

function options(percent: number): StranglerOptions {
  return {
    legacy: side('legacy'),
    modern: side('modern'),
    routes: [{ method: 'GET', prefix: '/api/expenses/', percent }],
    stickyKey: sessionKey,
  };
}
const withSession = (id: string, path = '/api/expenses/') => request('GET', path, { headers: { cookie: `csrftoken=x; sessionid=${id}` } });

describe('json-diff', () => {
  it('names the path of every difference, Django’s value first', () => {
    const django = { count: 2, results: [{ id: 1, amount: '12.50', note: null }, { id: 2, amount: '3.10', note: '' }] };
    const ours = { results: [{ id: 1, amount: 12.5, note: null }, { id: 2, amount: '3.10', note: null }], count: 2 };
    expect(diffJson(django, ours)).toEqual(['$.results[0].amount: "12.50" vs 12.5', '$.results[1].note: "" vs null']);
  });

  it('ignores key order and reports missing and unexpected keys', () => {
    expect(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
    expect(diffJson({ a: 1 }, { b: 1 })).toEqual(['$.a: 1 vs (missing)', '$.b: (missing) vs 1']);
  });

  it('reports a length difference and compares the common prefix of arrays', () => {
    expect(diffJson([1, 2, 3], [1, 5])).toEqual(['$.length: 3 vs 2', '$[1]: 2 vs 5']);
  });

  it('skips declared paths, with [*] for any index', () => {
    const a = { at: 'x', results: [{ etag: 'a', id: 1 }] };
    const b = { at: 'y', results: [{ etag: 'b', id: 1 }] };
    expect(diffJson(a, b, { ignore: ['$.at', '$.results[*].etag'] })).toEqual([]);
    expect(diffJson(a, b, { ignore: ['$.results[*].etag'] })).toEqual(['$.at: "x" vs "y"']);
  });
});

describe('proxy: the strangler rule', () => {
  it('sends only the matching method and path prefix to the new service', () => {
    const o = options(100);
    expect(chooseSide(o, withSession('s1'))).toBe('modern');
    expect(chooseSide(o, withSession('s1', '/api/expenses/?page=2'))).toBe('modern');
    expect(chooseSide(o, withSession('s1', '/api/expenses-report/'))).toBe('legacy');
    expect(chooseSide(o, withSession('s1', '/api/invoices/'))).toBe('legacy');
    expect(chooseSide(o, request('POST', '/api/expenses/', { body: {} }))).toBe('legacy');
  });

  it('sends nobody at 0 % and everybody at 100 %', () => {
    for (let i = 0; i < 200; i++) {
      expect(chooseSide(options(0), withSession(`s${i}`))).toBe('legacy');
      expect(chooseSide(options(100), withSession(`s${i}`))).toBe('modern');
    }
  });

  it('keeps one user on one side, and moves roughly the declared share', () => {
    const o = options(30);
    let modern = 0;
    for (let i = 0; i < 2000; i++) {
      const first = chooseSide(o, withSession(`session-${i}`));
      expect(chooseSide(o, withSession(`session-${i}`))).toBe(first);
      if (first === 'modern') modern++;
    }
    expect(modern / 2000).toBeGreaterThan(0.25);
    expect(modern / 2000).toBeLessThan(0.35);
  });

  it('raising the percentage only adds users to the new side', () => {
    for (let i = 0; i < 500; i++) {
      if (chooseSide(options(10), withSession(`u${i}`)) === 'modern') {
        expect(chooseSide(options(50), withSession(`u${i}`))).toBe('modern');
      }
    }
  });

  it('lets a tester force a side with X-Backend', () => {
    const forced = request('GET', '/api/expenses/', { headers: { 'x-backend': 'modern' } });
    expect(chooseSide(options(0), forced)).toBe('modern');
  });

  it('buckets are stable numbers from 0 to 99', () => {
    expect(bucket('abc')).toBe(bucket('abc'));
    for (let i = 0; i < 100; i++) expect(bucket(String(i))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...Array.from({ length: 1000 }, (_, i) => bucket(`k${i}`)))).toBeLessThan(100);
  });

  it('answers from the chosen side and says which one served it, even for immutable headers', async () => {
    const o = { ...options(100), modern: async () => Response.redirect('http://workbook.test/elsewhere', 302) };
    const res = await strangler(o)(withSession('s'));
    expect(res.status).toBe(302);
    expect(res.headers.get('x-served-by')).toBe('modern');
    const legacy = await read(await strangler(options(0))(withSession('s')));
    expect(legacy.json).toEqual({ side: 'legacy' });
    expect(legacy.headers.get('x-served-by')).toBe('legacy');
  });

  it('sessionKey falls back to the client address without a session cookie', () => {
    expect(sessionKey(withSession('abc'))).toBe('abc');
    expect(sessionKey(request('GET', '/', { headers: { 'x-forwarded-for': '10.0.0.1' } }))).toBe('10.0.0.1');
  });

  it('forwardTo keeps method, path, query and body and only changes the origin', async () => {
    const send = vi.fn(async (r: Request) =>
      Response.json({ url: r.url, method: r.method, body: await r.text(), type: r.headers.get('content-type') }),
    );
    const forward = forwardTo('http://django.internal:8000', send as unknown as typeof fetch);
    const res = await read(await forward(request('POST', '/api/expenses/?x=1', { body: { a: 1 } })));
    expect(res.json).toEqual({
      url: 'http://django.internal:8000/api/expenses/?x=1',
      method: 'POST',
      body: '{"a":1}',
      type: 'application/json',
    });
  });
});

describe('compare: replaying and shadowing', () => {
  const django: Handler = async (r) =>
    new URL(r.url).searchParams.get('page') === '9'
      ? Response.json({ error: 'page_out_of_range' }, { status: 404 })
      : Response.json({ count: 1, results: [{ id: 7, amount: '12.50' }] });
  const port: Handler = async (r) =>
    new URL(r.url).searchParams.get('page') === '9'
      ? Response.json({ error: 'page_out_of_range' }, { status: 404 })
      : Response.json({ results: [{ amount: 12.5, id: 7 }], count: 1 });

  it('replays requests against both sides and reports only the differences', async () => {
    const requests = ['/api/expenses/', '/api/expenses/?page=9'].map((p) => () => request('GET', p));
    expect(await replay(requests, django, port)).toEqual([
      { request: 'GET /api/expenses/', differences: ['$.results[0].amount: "12.50" vs 12.5'] },
    ]);
    expect(await replay(requests, django, django)).toEqual([]);
  });

  it('compares status, declared headers and non-JSON bodies', async () => {
    const a = new Response('<h1>Not Found</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
    const b = Response.json({ error: 'not_found' }, { status: 404 });
    expect(await compareResponses(a, b)).toEqual([
      'header content-type: text/html vs application/json',
      'body: 18 vs 21 characters differ',
    ]);
  });

  it('shadow answers from Django at once and compares later, without the user waiting', async () => {
    // The new side is blocked until the test says so: if shadow() waited
    // for it, the user's response below would never arrive.
    const gate = Promise.withResolvers<void>();
    const reported = Promise.withResolvers<Mismatch>();
    const slowPort: Handler = async (r) => {
      await gate.promise;
      return port(r);
    };
    const res = await shadow(django, slowPort, reported.resolve)(request('GET', '/api/expenses/'));
    expect(await res.json()).toEqual({ count: 1, results: [{ id: 7, amount: '12.50' }] });
    gate.resolve();
    expect(await reported.promise).toEqual({
      request: 'GET /api/expenses/',
      differences: ['$.results[0].amount: "12.50" vs 12.5'],
    });
  });

  it('shadow reports a crash of the new side and never shadows a write', async () => {
    const reported = Promise.withResolvers<Mismatch>();
    const crashing: Handler = async () => {
      throw new Error('boom');
    };
    await shadow(django, crashing, reported.resolve)(request('GET', '/api/expenses/'));
    expect((await reported.promise).differences).toEqual(['modern threw: Error: boom']);

    const modern = vi.fn(port);
    const res = await shadow(django, modern, () => {})(request('POST', '/api/expenses/', { body: {} }));
    expect(res.status).toBe(200);
    expect(modern).not.toHaveBeenCalled();
  });
});
