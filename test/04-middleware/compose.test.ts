import { describe, expect, it, vi } from 'vitest';
import { compose, type Handler, type Middleware } from '@exercise/04-middleware/compose';
import { read, request } from '../../src/workbook/testing/http.ts';
import { expectOwnResponses, turns } from '../../src/workbook/testing/leaks.ts';

interface Ctx {
  trail: string[];
  user?: string;
}

/** A middleware that records when the request passes in and the response passes out. */
function tracer(name: string, log: string[]): Middleware<Ctx> {
  return (next) => async (req, ctx) => {
    log.push(`${name}>`);
    const response = await next(req, ctx);
    log.push(`<${name}`);
    return response;
  };
}

function recordingHandler(log: string[]) {
  return vi.fn<Handler<Ctx>>(async (_req, ctx) => {
    log.push('handler');
    return Response.json({ trail: ctx.trail, user: ctx.user ?? null });
  });
}

const get = (path = '/invoices') => request('GET', path);
const fresh = (): Ctx => ({ trail: [] });

describe('compose', () => {
  it('runs the first middleware listed outermost: in a, b, c, handler; out c, b, a', async () => {
    const log: string[] = [];
    const handler = recordingHandler(log);
    const app = compose(tracer('a', log), tracer('b', log), tracer('c', log))(handler);
    const res = await read(await app(get(), fresh()));
    expect(res.status).toBe(200);
    expect(log).toEqual(['a>', 'b>', 'c>', 'handler', '<c', '<b', '<a']);
  });

  it('builds the same chain as calling the middleware by hand, a(b(c(handler)))', async () => {
    const tag = (name: string): Middleware<Ctx> => (next) => async (req, ctx) => {
      const response = await next(req, { ...ctx, trail: [...ctx.trail, name] });
      response.headers.append('X-Trail', name);
      return response;
    };
    const [a, b, c] = [tag('a'), tag('b'), tag('c')];
    const handler: Handler<Ctx> = async (_req, ctx) => Response.json(ctx.trail);
    const byHand = await read(await a(b(c(handler)))(get(), fresh()));
    const composed = await read(await compose(a, b, c)(handler)(get(), fresh()));
    expect(composed.json).toEqual(['a', 'b', 'c']);
    expect(composed.json).toEqual(byHand.json);
    expect(composed.headers.get('x-trail')).toBe(byHand.headers.get('x-trail'));
    expect(composed.headers.get('x-trail')).toBe('c, b, a');
  });

  it('with no middleware, just calls the handler', async () => {
    const log: string[] = [];
    const handler = recordingHandler(log);
    const res = await read(await compose<Ctx>()(handler)(get(), fresh()));
    expect(res.json).toEqual({ trail: [], user: null });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('passes on the context each middleware gives to next', async () => {
    const login: Middleware<Ctx> = (next) => (req, ctx) => next(req, { ...ctx, user: 'alice' });
    const stamp: Middleware<Ctx> = (next) => (req, ctx) => next(req, { ...ctx, trail: [...ctx.trail, `saw ${ctx.user}`] });
    const res = await read(await compose(login, stamp)(recordingHandler([]))(get(), fresh()));
    expect(res.json).toEqual({ trail: ['saw alice'], user: 'alice' });
  });

  it('passes on the request each middleware gives to next', async () => {
    const rewrite: Middleware<Ctx> = (next) => (req, ctx) => next(new Request(new URL('/rewritten', req.url), req), ctx);
    const seen: string[] = [];
    const handler: Handler<Ctx> = async (req) => {
      seen.push(new URL(req.url).pathname);
      return new Response(null, { status: 204 });
    };
    await compose(rewrite)(handler)(get('/original'), fresh());
    expect(seen).toEqual(['/rewritten']);
  });

  it('short-circuits: a middleware that does not call next stops the chain, and outer layers see its response', async () => {
    const log: string[] = [];
    const handler = recordingHandler(log);
    const deny: Middleware<Ctx> = () => async () => {
      log.push('deny');
      return Response.json({ error: 'forbidden' }, { status: 403 });
    };
    const app = compose(tracer('outer', log), deny, tracer('inner', log))(handler);
    const res = await read(await app(get(), fresh()));
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: 'forbidden' });
    expect(log).toEqual(['outer>', 'deny', '<outer']);
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not run the handler twice when a middleware calls next twice: the second call fails', async () => {
    const handler = recordingHandler([]);
    let second: unknown;
    const twice: Middleware<Ctx> = (next) => async (req, ctx) => {
      const first = await next(req, ctx);
      try {
        await next(req, ctx);
      } catch (error) {
        second = error;
      }
      return first;
    };
    const res = await compose(twice)(handler)(get(), fresh());
    expect(res.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(/more than once/);
  });

  it('refuses the second of two next() calls started together: the handler runs once', async () => {
    const handler = recordingHandler([]);
    let outcomes: PromiseSettledResult<Response>[] = [];
    const both: Middleware<Ctx> = (next) => async (req, ctx) => {
      outcomes = await Promise.allSettled([next(req, ctx), next(req, ctx)]);
      return outcomes.find((o) => o.status === 'fulfilled')?.value ?? new Response(null, { status: 500 });
    };
    await compose(both)(handler)(get(), fresh());
    expect(handler, 'two next() calls started together both ran the handler: set the guard before calling the inner chain, not after it resolves').toHaveBeenCalledTimes(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason?.message)).toMatch(/more than once/);
  });

  it('counts calls, not Request objects: a second next() with a new Request is refused too', async () => {
    const handler = recordingHandler([]);
    let second: unknown;
    const copies: Middleware<Ctx> = (next) => async (req, ctx) => {
      const first = await next(new Request(req), ctx);
      await next(new Request(req), ctx).catch((error: unknown) => (second = error));
      return first;
    };
    await compose(copies)(handler)(get(), fresh());
    expect(handler).toHaveBeenCalledTimes(1);
    expect((second as Error | undefined)?.message).toMatch(/more than once/);
  });

  it('serves the same Request object twice when it is dispatched twice (a retry, a re-dispatch)', async () => {
    const handler = recordingHandler([]);
    const app = compose(tracer('a', []), tracer('b', []))(handler);
    const req = get();
    expect((await app(req, fresh())).status).toBe(200);
    expect((await app(req, fresh())).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('gives overlapping requests their own next, also when they share one context object', async () => {
    const count = 6;
    const indexOf = (req: Request) => Number(new URL(req.url).pathname.split('/').pop());
    // Each middleware awaits before calling next, as one that reads a
    // session first would, so the later requests start in between.
    const slow = (name: string): Middleware<Ctx> => (next) => async (req, ctx) => {
      await turns(count - indexOf(req));
      const response = await next(req, ctx);
      response.headers.append('X-Trail', name);
      return response;
    };
    const app = compose(slow('a'), slow('b'))(async (req) => new Response(new URL(req.url).pathname));
    await expectOwnResponses({
      count,
      makeCtx: fresh,
      call: async (i, ctx) => {
        try {
          return await read(await app(get(`/r/${i}`), ctx));
        } catch (error) {
          return { status: 0, text: String(error), headers: new Headers(), json: undefined };
        }
      },
      check: (i, res) => {
        if (res.status !== 200) return `it failed with ${res.text}: the guard must belong to one call of the request handler, not to the chain, the context or the request`;
        if (res.text !== `/r/${i}`) return `got the answer to ${res.text}`;
        if (res.headers.get('x-trail') !== 'b, a') return `went through ${res.headers.get('x-trail')}, not b, a`;
      },
    });
  });

  it('guards next deep in the chain too: the inner layers run once', async () => {
    const log: string[] = [];
    const handler = recordingHandler(log);
    const retry: Middleware<Ctx> = (next) => async (req, ctx) => {
      await next(req, ctx);
      return next(req, ctx);
    };
    const app = compose(tracer('a', log), retry, tracer('b', log))(handler);
    await expect(app(get(), fresh())).rejects.toThrow(/more than once/);
    expect(log.filter((entry) => entry === 'handler')).toHaveLength(1);
    expect(log.filter((entry) => entry === 'b>')).toHaveLength(1);
  });

  it('gives every request a fresh next: calling it once per request always works', async () => {
    const handler = recordingHandler([]);
    const app = compose(tracer('a', []), tracer('b', []))(handler);
    for (let i = 0; i < 3; i++) {
      expect((await app(get(), fresh())).status).toBe(200);
    }
    expect(handler).toHaveBeenCalledTimes(3);
  });

  it('keeps concurrent requests apart: one waiting request does not use up another’s next', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler: Handler<Ctx> = async (req) => {
      if (new URL(req.url).pathname === '/slow') await gate;
      return new Response(new URL(req.url).pathname);
    };
    const app = compose(tracer('a', []), tracer('b', []))(handler);
    const slow = app(get('/slow'), fresh());
    const fast = await app(get('/fast'), fresh());
    expect(await fast.text()).toBe('/fast');
    release();
    expect(await (await slow).text()).toBe('/slow');
  });

  it('returns a middleware: compose(a, compose(b, c)) is the same chain as compose(a, b, c)', async () => {
    const log: string[] = [];
    const app = compose(tracer('a', log), compose(tracer('b', log), tracer('c', log)))(recordingHandler(log));
    await app(get(), fresh());
    expect(log).toEqual(['a>', 'b>', 'c>', 'handler', '<c', '<b', '<a']);
  });

  it('lets an error from an inner layer reach the outer ones (compose catches nothing)', async () => {
    const seen: unknown[] = [];
    const catcher: Middleware<Ctx> = (next) => async (req, ctx) => {
      try {
        return await next(req, ctx);
      } catch (error) {
        seen.push(error);
        return new Response(null, { status: 500 });
      }
    };
    const boom = new Error('boom');
    const app = compose(catcher, tracer('inner', []))(async () => {
      throw boom;
    });
    expect((await app(get(), fresh())).status).toBe(500);
    expect(seen).toEqual([boom]);
  });
});
