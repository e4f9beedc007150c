import { describe, expect, it, vi } from 'vitest';
import { errorBoundary, HttpError, type Handler, type Logger } from '@exercise/04-middleware/error-boundary';
import { read, request } from '../../src/workbook/testing/http.ts';

interface Ctx {
  requestId: string;
  userId: number;
}

const SECRET = 'password=hunter2';
const SQL = 'SELECT * FROM billing_invoice WHERE owner_id = 1';

function setup(handler: Handler<Ctx>) {
  const calls: [unknown, { requestId: string }][] = [];
  const log: Logger = { error: (error, fields) => calls.push([error, fields]) };
  const app = errorBoundary(log)(handler);
  const send = async (requestId = 'req-42') =>
    read(await app(request('GET', '/invoices/1'), { requestId, userId: 1 }));
  return { send, calls };
}

/** Everything a careless boundary might leak, checked against the raw body. */
function expectNothingLeaked(text: string) {
  expect(text).not.toContain('hunter2');
  expect(text).not.toContain('SELECT');
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // a stack frame
  expect(text).not.toContain('stack');
  expect(text).not.toMatch(/\b(Type)?Error\b/); // an error's name, as in "Error: …"
}

describe('error-boundary', () => {
  it('passes a successful response through unchanged', async () => {
    const ok = new Response('fine', { status: 201, headers: { 'X-Custom': 'yes' } });
    const { send, calls } = setup(async () => ok);
    const res = await send();
    expect(res.status).toBe(201);
    expect(res.text).toBe('fine');
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into a JSON 500 with the request id and nothing else', async () => {
    const { send } = setup(async () => {
      throw new Error(`connection failed: ${SECRET}`);
    });
    const res = await send('req-500');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'internal', requestId: 'req-500' });
  });

  it('keeps the error’s message, stack and SQL out of the body', async () => {
    const error = Object.assign(new Error(`syntax error in ${SQL} (${SECRET})`), {
      query: SQL,
      detail: SECRET,
    });
    const { send } = setup(async () => {
      throw error;
    });
    const res = await send();
    expectNothingLeaked(res.text);
  });

  it('catches a rejected promise the handler returns (not only a synchronous throw)', async () => {
    const { send, calls } = setup(() => Promise.reject(new Error(SECRET)));
    const res = await send();
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: 'req-42' });
    expect(calls).toHaveLength(1);
  });

  it('catches a rejection that happens after the handler has awaited something', async () => {
    const { send } = setup(async () => {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error(SQL);
    });
    const res = await send();
    expect(res.status).toBe(500);
    expectNothingLeaked(res.text);
  });

  it('catches an error thrown synchronously by a handler that is not async', async () => {
    const { send } = setup(((): Promise<Response> => {
      throw new Error(SECRET);
    }) as Handler<Ctx>);
    const res = await send();
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: 'req-42' });
  });

  it.each([
    ['a string', `${SQL} failed`],
    ['undefined', undefined],
    ['null', null],
    ['a plain object', { message: SECRET }],
    ['a TypeError', new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`)],
  ])('turns a thrown %s into the same 500', async (_what, thrown) => {
    const { send } = setup(async () => {
      throw thrown;
    });
    const res = await send();
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: 'req-42' });
    expectNothingLeaked(res.text);
  });

  it('passes the original error object and the request id to the logger', async () => {
    const error = new Error(SECRET);
    const { send, calls } = setup(async () => {
      throw error;
    });
    await send('req-log');
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(error);
    expect(calls[0]![1]).toEqual({ requestId: 'req-log' });
  });

  it('keeps the status and public code of a thrown HttpError', async () => {
    const { send } = setup(async () => {
      throw new HttpError(404, 'not_found');
    });
    const res = await send('req-404');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.json).toEqual({ error: 'not_found', requestId: 'req-404' });
  });

  it('maps other HttpError statuses too (409, 422, 503)', async () => {
    for (const [status, code] of [[409, 'duplicate_number'], [422, 'invalid_body'], [503, 'maintenance']] as const) {
      const { send } = setup(async () => {
        throw new HttpError(status, code);
      });
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.json).toEqual({ error: code, requestId: 'req-42' });
    }
  });

  it('does not log an HttpError as a failure: a 404 is an answer, not an incident', async () => {
    const { send, calls } = setup(async () => {
      throw new HttpError(404, 'not_found');
    });
    await send();
    expect(calls).toEqual([]);
  });

  it('recognises a rejected HttpError as well as a thrown one', async () => {
    const { send } = setup(() => Promise.reject(new HttpError(409, 'duplicate_number')));
    const res = await send();
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: 'duplicate_number', requestId: 'req-42' });
  });

  it('treats an error that merely has a status property as a 500, not as an HttpError', async () => {
    const error = Object.assign(new Error(`upstream said: ${SECRET}`), { status: 400, code: SECRET });
    const { send, calls } = setup(async () => {
      throw error;
    });
    const res = await send();
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'internal', requestId: 'req-42' });
    expect(calls[0]![0]).toBe(error);
  });

  it('uses the request id from the context it was called with, per request', async () => {
    const { send } = setup(vi.fn(async () => {
      throw new Error('boom');
    }));
    expect((await send('first')).json.requestId).toBe('first');
    expect((await send('second')).json.requestId).toBe('second');
  });
});
