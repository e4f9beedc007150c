/**
 * Every response a grader looks at gets the same three checks: status,
 * content type and body shape — errors included, because an error sent as
 * text/plain or as HTML breaks a client as surely as a wrong status does.
 * And HEAD answers like GET: same status, same headers, no body.
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { read } from './http.ts';

export type ReadResponse = Awaited<ReturnType<typeof read>>;

/** A body rule: a zod schema, a predicate that returns a complaint (or nothing when fine), or an exact value. */
export type BodyRule = z.ZodType | ((json: any) => string | void | undefined) | { equals: unknown };

export interface ResponseRule {
  status: number;
  /**
   * JSON body (the default for every status but 204 and 304): content type
   * application/json (a charset parameter is fine) and a body that parses.
   * `true` asks for nothing more; a BodyRule also checks the shape.
   * `false`: the body must be empty (HEAD, 204, 304).
   */
  json?: true | false | BodyRule;
  /** Header values to expect: a string is exact, a RegExp must match, null must be absent. */
  headers?: Record<string, string | RegExp | null>;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const describeBody = (text: string) => (text.length > 200 ? `${JSON.stringify(text.slice(0, 200))}…` : JSON.stringify(text));

/**
 * Reads (if needed) and checks a response; returns it read, for further
 * checks. Each failure says what was sent back, e.g.
 *   "expected status 404, got 200 (body: "{\"id\":4}")"
 *   "a 400 must be JSON: content-type was text/plain;charset=UTF-8"
 */
export async function expectResponse(response: Response | ReadResponse, rule: ResponseRule): Promise<ReadResponse> {
  const res = response instanceof Response ? await read(response) : response;
  const what = `the ${rule.status} response`;
  expect(res.status, `expected status ${rule.status}, got ${res.status} (body: ${describeBody(res.text)})`).toBe(rule.status);

  const json = rule.json ?? (rule.status === 204 || rule.status === 304 ? false : true);
  if (json === false) {
    expect(res.text, `${what} must have an empty body`).toBe('');
  } else {
    const type = res.headers.get('content-type');
    expect(JSON_TYPE.test(type ?? ''), `a ${res.status} must be JSON: content-type was ${type ?? 'missing'}`).toBe(true);
    expect(res.json !== undefined, `${what} is not valid JSON: ${describeBody(res.text)}`).toBe(true);
    if (json !== true) checkBody(res.json, json, what);
  }

  for (const [name, want] of Object.entries(rule.headers ?? {})) {
    const got = res.headers.get(name);
    if (want === null) expect(got, `${what} must not send a ${name} header`).toBeNull();
    else if (typeof want === 'string') expect(got, `${what}'s ${name} header`).toBe(want);
    else expect(got ?? '', `${what}'s ${name} header`).toMatch(want);
  }
  return res;
}

function checkBody(json: unknown, rule: BodyRule, what: string) {
  if (rule instanceof z.ZodType) {
    const parsed = rule.safeParse(json);
    if (!parsed.success) throw new Error(`${what}'s body ${JSON.stringify(json)} does not have the expected shape:\n${z.prettifyError(parsed.error)}`);
  } else if (typeof rule === 'function') {
    const complaint = rule(json);
    if (complaint) throw new Error(`${what}'s body ${JSON.stringify(json)}: ${complaint}`);
  } else {
    expect(json, `${what}'s body`).toEqual(rule.equals);
  }
}

/** Headers a HEAD may legitimately answer differently from the GET sent a moment before. */
const VOLATILE = new Set(['date', 'x-request-id', 'request-id', 'x-response-time', 'server-timing']);

/**
 * HEAD is GET without the body (RFC 9110 §9.3.2): same status and headers
 * (Content-Type and Content-Length included), an empty body. `send` makes
 * one request with the given method and returns its response.
 */
export async function expectHeadLikeGet(
  send: (method: 'GET' | 'HEAD') => Response | Promise<Response>,
  options: { ignoreHeaders?: readonly string[] } = {},
): Promise<{ get: ReadResponse; head: ReadResponse }> {
  const get = await read(await send('GET'));
  const head = await read(await send('HEAD'));
  expect(head.status, `HEAD must answer with GET's status ${get.status}, got ${head.status}`).toBe(get.status);
  const ignored = new Set([...VOLATILE, ...(options.ignoreHeaders ?? []).map((h) => h.toLowerCase())]);
  const keep = (headers: Headers) => Object.fromEntries([...headers].filter(([name]) => !ignored.has(name)));
  expect(keep(head.headers), 'HEAD must send the headers GET sends').toEqual(keep(get.headers));
  expect(head.text, 'HEAD must have an empty body').toBe('');
  return { get, head };
}
