/** Small helpers for calling a Request → Response handler the way a client would. */

export type Handler<Ctx = unknown> = (request: Request, ctx: Ctx) => Response | Promise<Response>;

export const BASE = 'http://workbook.test';

export interface SendOptions {
  headers?: Record<string, string>;
  /** A string is sent as-is; anything else is JSON-encoded with a JSON content type. */
  body?: unknown;
  signal?: AbortSignal;
}

export function request(method: string, path: string, options: SendOptions = {}): Request {
  const headers = new Headers(options.headers);
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(BASE + path, { method, headers, body, signal: options.signal });
}

/** Reads a response once, keeping status, headers and the parsed body side by side. */
export async function read(response: Response) {
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: assertions on `json` will say so; `text` keeps the raw body.
  }
  return { status: response.status, headers: response.headers, text, json: json as any };
}
