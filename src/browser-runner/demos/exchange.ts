/**
 * One request through a demo's handler, the same way in the Web Worker and
 * in the snippet test: build a Web `Request` from what the reader typed,
 * call the handler, and read the whole `Response` into plain data that can
 * cross postMessage.
 */
import { BODY_METHODS, type FetchHandler, type Method } from './demo.ts';

/** What the panel sends: a preset, perhaps edited. */
export interface DemoCall {
  method: Method;
  path: string;
  headers: [name: string, value: string][];
  body?: string;
}

export interface DemoReply {
  status: number;
  statusText: string;
  headers: [name: string, value: string][];
  body: string;
  /** Time inside the handler, in milliseconds. */
  ms: number;
}

/** The origin requests appear to come to; handlers read paths and queries from request.url. */
export const DEMO_ORIGIN = 'http://localhost';

export function toRequest(call: DemoCall): Request {
  const path = call.path.startsWith('/') ? call.path : `/${call.path}`;
  const withBody = BODY_METHODS.includes(call.method) && call.body !== undefined;
  return new Request(new URL(path, DEMO_ORIGIN), {
    method: call.method,
    headers: call.headers,
    body: withBody ? call.body : undefined,
  });
}

export async function exchange(handler: FetchHandler, call: DemoCall, now: () => number = () => performance.now()): Promise<DemoReply> {
  const request = toRequest(call);
  const start = now();
  const response = await handler(request);
  const body = await response.text();
  const ms = now() - start;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body,
    ms,
  };
}

export function isJson(reply: Pick<DemoReply, 'headers'>): boolean {
  const type = reply.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);
}

/** `expected` found in `actual`: objects by their listed keys (recursively), everything else equal. */
export function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([key, value]) => key in actual && contains((actual as Record<string, unknown>)[key], value));
}

/** Problems with a reply against a preset's expectation, as sentences; [] when it matches. */
export function replyProblems(reply: DemoReply, expect: { status: number; json?: unknown }): string[] {
  const problems: string[] = [];
  if (reply.status !== expect.status) problems.push(`status ${reply.status}, expected ${expect.status}`);
  if (expect.json !== undefined) {
    if (!isJson(reply)) problems.push(`content type ${JSON.stringify(reply.headers.find(([n]) => n === 'content-type')?.[1] ?? null)}, expected JSON`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.body);
    } catch {
      problems.push(`body is not JSON: ${reply.body.slice(0, 80)}`);
      return problems;
    }
    if (!contains(parsed, expect.json)) problems.push(`body ${reply.body.slice(0, 200)} does not contain ${JSON.stringify(expect.json)}`);
  }
  return problems;
}
