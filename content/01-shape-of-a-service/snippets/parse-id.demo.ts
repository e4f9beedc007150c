/**
 * Run on the page: the three parsers of parse-id.ts side by side, on the
 * path segment after /customers/ (percent-decoded, so %20 is a space).
 * The demo answers as a handler using parseId would: 400 invalid_id when
 * the strict parser refuses, 200 otherwise; the body shows all three.
 */
import type { Demo } from '../../../src/browser-runner/demos/demo.ts';
import { parseId, parseIdLoosely, parseIdWithParseInt } from './parse-id.ts';

export const demos: Demo[] = [
  {
    name: 'parse',
    title: 'GET /customers/:raw: what Number(), parseInt() and the strict parseId() make of :raw (a 400 when parseId refuses it)',
    regions: ['parse'],
    handler: () => (request) => {
      const match = /^\/customers\/([^/]*)$/.exec(new URL(request.url).pathname);
      if (!match) return Response.json({ error: 'not_found' }, { status: 404 });
      let raw: string;
      try {
        raw = decodeURIComponent(match[1]!);
      } catch {
        return Response.json({ error: 'invalid_id' }, { status: 400 });
      }
      const strict = parseId(raw);
      const body = { raw, number: parseIdLoosely(raw), parseInt: parseIdWithParseInt(raw), parseId: strict };
      return Response.json(strict === null ? { error: 'invalid_id', ...body } : body, { status: strict === null ? 400 : 200 });
    },
    requests: [
      { label: '"42": all three agree', method: 'GET', path: '/customers/42', expect: { status: 200, json: { number: 42, parseInt: 42, parseId: 42 } } },
      { label: '"1e3": Number() says 1000', method: 'GET', path: '/customers/1e3', expect: { status: 400, json: { number: 1000, parseInt: 1, parseId: null } } },
      { label: '"12abc": parseInt() says 12', method: 'GET', path: '/customers/12abc', expect: { status: 400, json: { number: null, parseInt: 12, parseId: null } } },
      { label: '"0x10": Number() says 16', method: 'GET', path: '/customers/0x10', expect: { status: 400, json: { number: 16, parseInt: null, parseId: null } } },
      { label: '" 1" (a space)', method: 'GET', path: '/customers/%201', expect: { status: 400, json: { number: 1, parseInt: 1, parseId: null } } },
      { label: '2^53 + 1: past exact', method: 'GET', path: '/customers/9007199254740993', expect: { status: 400, json: { parseId: null } } },
    ],
  },
];
