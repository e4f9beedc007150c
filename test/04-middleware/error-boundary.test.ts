import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { errorBoundary, HttpError, type Handler, type Logger } from '@exercise/04-middleware/error-boundary';
import { read, request } from '../../src/workbook/testing/http.ts';
import { overlapping, turns } from '../../src/workbook/testing/leaks.ts';
import { checkProperty } from '../../src/workbook/testing/properties.ts';
import { expectResponse } from '../../src/workbook/testing/responses.ts';

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

  it('turns anything else that is thrown into the same logged 500, whatever it is', async () => {
    const calls: unknown[] = [];
    const log: Logger = { error: (error) => calls.push(error) };
    let thrown: unknown;
    const app = errorBoundary(log)<Ctx>(async () => {
      throw thrown;
    });
    await checkProperty(
      'a thrown value that is not an HttpError',
      fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
      async (value) => {
        thrown = value;
        const res = await read(await app(request('GET', '/invoices/1'), { requestId: 'req-any', userId: 1 }));
        if (res.status !== 500) return `was answered ${res.status}; expected the JSON 500`;
        await expectResponse(res, { status: 500, json: { equals: { error: 'internal', requestId: 'req-any' } } });
        if (calls.length !== 1 || !Object.is(calls[0], value)) return 'was not passed to log.error as it was thrown';
      },
      { before: () => void (calls.length = 0), numRuns: 100 },
    );
  });

  it('answers any HttpError with its own status and code, whatever the code says', async () => {
    let thrown: HttpError | undefined;
    const { send, calls } = setup(async () => {
      throw thrown;
    });
    await checkProperty(
      'an HttpError',
      fc.record({ status: fc.integer({ min: 400, max: 599 }), code: fc.oneof(fc.constantFrom('not_found', 'duplicate_number'), fc.string({ unit: 'grapheme', maxLength: 12 })) }),
      async ({ status, code }) => {
        thrown = new HttpError(status, code);
        await expectResponse(await send('req-http'), { status, json: { equals: { error: code, requestId: 'req-http' } } });
        if (calls.length > 0) return 'was logged as an incident; an HttpError is an answer';
      },
      { show: ({ status, code }) => `new HttpError(${status}, ${JSON.stringify(code)})`, before: () => void (calls.length = 0), numRuns: 100 },
    );
  });

  it('treats another class’s error named "HttpError" as a 500: only instanceof HttpError counts', async () => {
    class HttpError extends Error {
      constructor(
        readonly status: number,
        readonly code: string,
      ) {
        super(`${status} ${code}`);
        this.name = 'HttpError';
      }
    }
    const foreign = new HttpError(418, `sdk said: ${SECRET}`);
    const { send, calls } = setup(async () => {
      throw foreign;
    });
    const res = await send();
    await expectResponse(res, { status: 500, json: { equals: { error: 'internal', requestId: 'req-42' } } });
    expectNothingLeaked(res.text);
    expect(calls[0]?.[0]).toBe(foreign);
  });

  it('answers overlapping requests each with its own request id', async () => {
    const count = 6;
    const log: Logger = { error: () => {} };
    const app = errorBoundary(log)<Ctx>(async (_request, ctx) => {
      await turns(count - ctx.userId);
      if (ctx.userId % 2 === 0) throw new Error(SECRET);
      throw new HttpError(404, 'not_found');
    });
    const results = await overlapping(count, async (i) => read(await app(request('GET', `/invoices/${i}`), { requestId: `req-${i}`, userId: i })));
    results.forEach((res, i) => {
      expect(res.json?.requestId, `request ${i + 1} of ${count} got request ${res.json?.requestId}'s id: read ctx.requestId for this request, keep nothing between requests`).toBe(`req-${i}`);
      expect(res.status).toBe(i % 2 === 0 ? 500 : 404);
    });
  });

  it('uses the request id from the context it was called with, per request', async () => {
    const { send } = setup(vi.fn(async () => {
      throw new Error('boom');
    }));
    expect((await send('first')).json.requestId).toBe('first');
    expect((await send('second')).json.requestId).toBe('second');
  });
});
