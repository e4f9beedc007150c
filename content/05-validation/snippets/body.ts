/**
 * parseJsonBody(request, schema, { maxBytes }): the one place where a
 * request body becomes typed data, or a JSON error response.
 *
 *   415 unsupported_media_type  Content-Type is not application/json
 *   413 body_too_large          more than maxBytes, counted as read
 *   400 invalid_json            empty, not UTF-8, or not JSON at all
 *   422 validation_failed       JSON that the schema rejects, with
 *                               one { path, message } per problem
 */
import type { z } from 'zod';

// #region errors
export interface FieldError {
  path: string; // "amount_cents", "lines.0.qty"; "" is the body itself
  message: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown key, so a client sees which one.
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: 'Unknown field',
      }));
    }
    return [{ path, message: issue.message }];
  });
}

export function problem(
  status: number,
  error: string,
  fields?: FieldError[],
): Response {
  return Response.json(fields ? { error, fields } : { error }, { status });
}
// #endregion

// #region read
/** The body's bytes, or null as soon as there are more than maxBytes. */
export async function readLimited(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel(); // stop reading; do not buffer the rest
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
// #endregion

// #region parse
export type Parsed<T> =
  | { ok: true; data: T }
  | { ok: false; response: Response };

const JSON_TYPE = /^application\/json\s*(;|$)/i;

export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes }: { maxBytes: number },
): Promise<Parsed<z.output<S>>> {
  const fail = (status: number, error: string, fields?: FieldError[]) =>
    ({ ok: false, response: problem(status, error, fields) }) as const;

  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
    return fail(415, 'unsupported_media_type');
  }
  const bytes = await readLimited(request, maxBytes);
  if (bytes === null) return fail(413, 'body_too_large');

  let json: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    json = JSON.parse(text);
  } catch {
    return fail(400, 'invalid_json');
  }

  const result = schema.safeParse(json);
  if (!result.success) {
    return fail(422, 'validation_failed', fieldErrors(result.error));
  }
  return { ok: true, data: result.data };
}
// #endregion
