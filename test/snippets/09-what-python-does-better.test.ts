/**
 * Chapter 9's TypeScript snippet, exercised: the client of the Python
 * forecast service keeps its deadline, checks the status and refuses a
 * body of the wrong shape.
 */
import { describe, expect, it, vi } from 'vitest';
import { getForecast } from '../../content/09-what-python-does-better/snippets/forecast-client.ts';

/** The body test_09_python.py asserts the Django view returns for Acme. */
const DJANGO_ACME = { customer_id: 1, months: 3, next_month_cents: 152997 };
const never = new AbortController().signal;

function answering(status: number, body: unknown) {
  return vi.fn(async (_url: URL | RequestInfo, _init?: RequestInit) => Response.json(body, { status }));
}

describe('forecast-client.ts: a Python service is just another upstream', () => {
  it('calls /forecast/<id>/ and returns the parsed body', async () => {
    const fetcher = answering(200, DJANGO_ACME);
    expect(await getForecast('http://python.internal:8000', 1, never, { fetcher })).toEqual(DJANGO_ACME);
    expect(String(fetcher.mock.calls[0]![0])).toBe('http://python.internal:8000/forecast/1/');
  });

  it('returns null for the 422 that means "not enough history"', async () => {
    const fetcher = answering(422, { error: 'not_enough_history' });
    expect(await getForecast('http://py', 2, never, { fetcher })).toBeNull();
  });

  it('throws on any other failure status, without the body in the message', async () => {
    const fetcher = answering(500, { error: 'Traceback (most recent call last)…' });
    await expect(getForecast('http://py', 1, never, { fetcher })).rejects.toThrow(/^forecast service answered 500$/);
  });

  it('refuses a body of the wrong shape (a Decimal serialised as a string)', async () => {
    const fetcher = answering(200, { ...DJANGO_ACME, next_month_cents: '152997.00' });
    await expect(getForecast('http://py', 1, never, { fetcher })).rejects.toThrow(/next_month_cents/);
  });

  it('cancels the unread body of a 422 and of a failure, so the connection is released', async () => {
    for (const status of [422, 500, 503]) {
      const cancelled = vi.fn();
      const body = new ReadableStream({ pull: () => {}, cancel: cancelled });
      const fetcher = vi.fn(async () => new Response(body, { status }));
      const settled = getForecast('http://py', 1, never, { fetcher }).then((v) => v, (e: unknown) => e);
      const outcome = await settled;
      if (status === 422) expect(outcome).toBeNull();
      else expect(outcome).toBeInstanceOf(Error);
      expect(cancelled, `status ${status}`).toHaveBeenCalledOnce();
    }
  });

  it('gives up at its deadline when the service hangs', async () => {
    const hanging = vi.fn((_url: URL | RequestInfo, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason))));
    const started = performance.now();
    await expect(getForecast('http://py', 1, never, { fetcher: hanging, timeoutMs: 30 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops when the caller’s own request is aborted', async () => {
    const caller = new AbortController();
    const hanging = vi.fn((_url: URL | RequestInfo, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason))));
    const pending = getForecast('http://py', 1, caller.signal, { fetcher: hanging });
    caller.abort(new DOMException('client left', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
