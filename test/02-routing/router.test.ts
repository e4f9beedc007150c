import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Params, type Router } from '@exercise/02-routing/router';
import { read, request } from '../../src/workbook/testing/http.ts';
import { overlapping, turns } from '../../src/workbook/testing/leaks.ts';
import { checkProperty, type Verdict } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';

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

async function send(method: string, path: string, router: Router = invoiceApi()) {
  return read(await router.handle(request(method, path)));
}

const NOT_FOUND = { equals: { error: 'not_found' } };
const METHOD_NOT_ALLOWED = { equals: { error: 'method_not_allowed' } };
const BAD_REQUEST = { equals: { error: 'bad_request' } };

// ---------------------------------------------------------------- generated route tables

interface GeneratedRoute {
  method: string;
  pattern: string;
}
interface GeneratedCase {
  routes: GeneratedRoute[];
  method: string;
  path: string;
  query: string;
}

/** Patterns of up to three segments; a param is named after its position, so no pattern repeats a name. */
const pattern = fc
  .array(fc.constantFrom('invoices', 'new', ':param'), { maxLength: 3 })
  .map((segments) => `/${segments.map((s, i) => (s === ':param' ? `:p${i + 1}` : s)).join('/')}`);
const route = fc.record({ method: fc.constantFrom('GET', 'GET', 'get', 'POST', 'DELETE', 'PUT', 'HEAD'), pattern });
/** What a request puts where a pattern has a param: ids, words that are also static segments, encoded and badly encoded text. */
const segment = fc.constantFrom('invoices', 'new', '42', 'caf%C3%A9', 'a%2Fb', '%E0%A4%A', '__proto__', '');
const trailing = fc.constantFrom('', '', '/', '//');
/** Any path made of those segments… */
const anyPath = fc.tuple(fc.array(segment, { maxLength: 3 }), trailing).map(([segments, end]) => `/${segments.join('/')}${end}`);
/** …or, more often, one that fits a registered pattern, so that several routes compete for it. */
const pathFor = (routes: GeneratedRoute[]) =>
  fc.oneof(
    { arbitrary: anyPath, weight: 1 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...routes), fc.array(segment, { minLength: 3, maxLength: 3 }), trailing).map(([r, values, end]) => {
        const path = r.pattern.split('/').map((s, i) => (s.startsWith(':') ? values[i - 1]! : s)).join('/');
        return path === '/' ? `/${end}` : path + end;
      }),
      weight: 3,
    },
  );
const generatedCase: fc.Arbitrary<GeneratedCase> = fc.array(route, { minLength: 1, maxLength: 6 }).chain((routes) =>
  fc.record({
    routes: fc.constant(routes),
    method: fc.constantFrom('GET', 'GET', 'HEAD', 'HEAD', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'),
    path: pathFor(routes),
    query: fc.constantFrom('', '?page=2', '?next=/invoices/'),
  }),
);

type Expected =
  | { status: 200; route: number; params: Record<string, string>; head: boolean }
  | { status: 308; location: string }
  | { status: 400 | 404 }
  | { status: 405; allow: string };

/**
 * The rules of the brief, written out plainly: which route (if any) the
 * request reaches, and what the client gets back.
 */
function expected({ routes, method, path, query }: GeneratedCase): Expected {
  const fit = (pattern: string, target: string): Map<string, string> | null => {
    const want = pattern.split('/');
    const got = target.split('/');
    if (want.length !== got.length) return null;
    const params = new Map<string, string>();
    for (let i = 0; i < want.length; i++) {
      if (want[i]!.startsWith(':') && got[i] !== '') params.set(want[i]!.slice(1), got[i]!);
      else if (want[i] !== got[i]) return null;
    }
    return params;
  };
  const matching = routes.flatMap((r, index) => {
    const params = fit(r.pattern, path);
    return params ? [{ index, method: r.method.toUpperCase(), params }] : [];
  });
  if (matching.length === 0) {
    const canonical = path.replace(/\/+$/, '') || '/';
    return routes.some((r) => fit(r.pattern, canonical)) ? { status: 308, location: canonical + query } : { status: 404 };
  }
  const hit = matching.find((m) => m.method === method) ?? (method === 'HEAD' ? matching.find((m) => m.method === 'GET') : undefined);
  if (!hit) {
    const allowed = new Set(matching.map((m) => m.method));
    if (allowed.has('GET')) allowed.add('HEAD');
    return { status: 405, allow: [...allowed].sort().join(', ') };
  }
  const params: Record<string, string> = {};
  for (const [name, raw] of hit.params) {
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
  }
  // A GET handler's body must go; what a HEAD route's handler answers is its own business.
  return { status: 200, route: hit.index, params, head: method === 'HEAD' && hit.method === 'GET' };
}

const showCase = ({ routes, method, path, query }: GeneratedCase) =>
  `${method} ${path}${query} to a router with ${routes.map((r, i) => `#${i} ${r.method} ${r.pattern}`).join(', ')}`;

/** Builds the generated table (each handler answers with its route number and params) and checks one request against the rules. */
async function judge(c: GeneratedCase): Promise<Verdict> {
  const calls: number[] = [];
  let router = createRouter();
  c.routes.forEach((r, index) => {
    router = router.on(r.method, r.pattern, (_req, params) => {
      calls.push(index);
      return Response.json({ route: index, params: { ...params } }, { headers: { 'X-Route': String(index) } });
    });
  });
  const want = expected(c);
  const res = await read(await router.handle(request(c.method, c.path + c.query)));
  const got = `${res.status}${res.headers.get('allow') !== null ? ` (Allow: ${res.headers.get('allow')})` : ''}${res.headers.get('location') !== null ? ` (Location: ${res.headers.get('location')})` : ''} ${res.text.slice(0, 120)}`;
  const wanted =
    want.status === 200 ? `route #${want.route} with params ${JSON.stringify(want.params)}${want.head ? ' and no body' : ''}`
    : want.status === 405 ? `405 with Allow: ${want.allow}`
    : want.status === 308 ? `308 to ${want.location}`
    : String(want.status);
  const complaint = (what: string) => `was answered ${got}; expected ${wanted}${what ? ` (${what})` : ''}`;
  if (res.status !== want.status) return complaint('');
  if (want.status === 200) {
    if (res.headers.get('x-route') !== String(want.route) || calls.length !== 1) return complaint(`handlers called: ${calls.map((i) => `#${i}`).join(', ') || 'none'}`);
    if (want.head) return res.text === '' ? undefined : complaint('a HEAD answer has no body');
    if (c.method === 'HEAD') return; // a HEAD route's own answer: its body is dropped on the wire anyway
    expect(res.json, showCase(c)).toEqual({ route: want.route, params: want.params });
    return;
  }
  if (calls.length > 0) return complaint(`no handler may run, but #${calls.join(', #')} did`);
  if (want.status === 308) return res.headers.get('location') === want.location ? undefined : complaint('');
  if (want.status === 405 && res.headers.get('allow') !== want.allow) return complaint('');
  if (c.method === 'HEAD') return; // a HEAD answer's body is dropped on the wire anyway
  await expectResponse(res, { status: want.status, json: { equals: { error: { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed' }[want.status] } } });
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

  it('keeps registration order even against a more specific route: /invoices/:id registered first also serves /invoices/new', async () => {
    const router = createRouter().on('GET', '/invoices/:id', echo('detail')).on('GET', '/invoices/new', echo('new-form'));
    expect((await send('GET', '/invoices/new', router)).json).toEqual({ label: 'detail', params: { id: 'new' } });
  });

  it('treats the registered method case-insensitively', async () => {
    expect((await send('DELETE', '/invoices/3')).json.label).toBe('delete');
  });

  it('gives every router its own routes: a route added to one is not served by another', async () => {
    const a = createRouter().on('GET', '/only-a', echo('a'));
    const b = createRouter().on('GET', '/only-b', echo('b'));
    await expectResponse(await send('GET', '/only-a', b), { status: 404, json: NOT_FOUND });
    await expectResponse(await send('GET', '/only-b', a), { status: 404, json: NOT_FOUND });
    expect((await send('GET', '/only-a', a)).json.label).toBe('a');
  });

  it('returns 404 JSON when no route matches the path', async () => {
    await expectResponse(await send('GET', '/nope'), { status: 404, json: NOT_FOUND });
  });

  it('does not let a param match an empty segment or extra segments', async () => {
    await expectResponse(await send('GET', '/invoices/42/extra'), { status: 404, json: NOT_FOUND });
    await expectResponse(await send('GET', '/customers//invoices/1'), { status: 404, json: NOT_FOUND });
  });

  it('returns 405, not 404, when the path exists but the method does not', async () => {
    await expectResponse(await send('PUT', '/invoices/42'), { status: 405, json: METHOD_NOT_ALLOWED, headers: { allow: 'DELETE, GET, HEAD' } });
  });

  it('lists the allowed methods in Allow, sorted, with HEAD whenever GET is allowed', async () => {
    expect((await send('PUT', '/invoices/42')).headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect((await send('DELETE', '/invoices')).headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('names each method once in Allow, even when two routes with that method match the path (GET /invoices/new and GET /invoices/:id)', async () => {
    expect((await send('PUT', '/invoices/new')).headers.get('allow')).toBe('DELETE, GET, HEAD');
    const withHead = createRouter().on('GET', '/x', echo('get')).on('HEAD', '/x', echo('head'));
    expect((await send('POST', '/x', withHead)).headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the GET handler’s status and headers and an empty body', async () => {
    const res = await send('HEAD', '/invoices/42');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.text).toBe('');
  });

  it('runs a HEAD route for HEAD when the path has one, and answers HEAD on a HEAD-only path', async () => {
    const head = vi.fn(() => new Response(null, { status: 204, headers: { 'X-Handler': 'head' } }));
    const router = createRouter().on('GET', '/report', echo('get')).on('HEAD', '/report', head).on('head', '/ping', head);
    const res = await send('HEAD', '/report', router);
    expect(res.status).toBe(204);
    expect(res.headers.get('x-handler')).toBe('head');
    expect((await send('HEAD', '/ping', router)).status).toBe(204);
    expect(head).toHaveBeenCalledTimes(2);
    await expectResponse(await send('GET', '/ping', router), { status: 405, json: METHOD_NOT_ALLOWED, headers: { allow: 'HEAD' } });
  });

  it('answers HEAD on a path with no GET route with 405', async () => {
    const router = createRouter().on('POST', '/upload', echo('upload'));
    const res = await send('HEAD', '/upload', router);
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
    await expectResponse(await send('GET', '/nope/'), { status: 404, json: NOT_FOUND });
  });

  it('percent-decodes params', async () => {
    expect((await send('GET', '/invoices/caf%C3%A9')).json.params).toEqual({ id: 'café' });
    expect((await send('GET', '/invoices/a%2Fb')).json.params).toEqual({ id: 'a/b' });
  });

  it('returns 400 for a malformed percent-escape without calling the handler', async () => {
    const handler = vi.fn(echo('detail'));
    const router = createRouter().on('GET', '/invoices/:id', handler);
    await expectResponse(await send('GET', '/invoices/%E0%A4%A', router), { status: 400, json: BAD_REQUEST });
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

  it('answers any request to any route table as the rules say: first match, 404, 405 with Allow, HEAD, 308, 400', async () => {
    await checkProperty('the router follows the rules', generatedCase, judge, { show: showCase, numRuns: 300 });
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

  it('gives overlapping requests through one router their own params, even when the first finishes last', async () => {
    const count = 6;
    const router = createRouter().on('GET', '/invoices/:id', async (_req, params) => {
      const before = params.id;
      await turns(count - Number(params.id));
      return Response.json({ before, after: params.id });
    });
    const answers = await overlapping(count, async (i) => read(await router.handle(request('GET', `/invoices/${i}`))));
    answers.forEach((res, i) => expect(res.json, `request ${i + 1} of ${count}, for /invoices/${i}`).toEqual({ before: String(i), after: String(i) }));
  });
});
