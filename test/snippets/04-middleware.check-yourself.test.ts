/**
 * Proofs of chapter 4's "Check yourself" answers
 * (content/04-middleware/check-yourself.ts): each runs the behaviour the
 * question asks about and must observe the answer the page shows.
 */
import { Hono } from 'hono';
import questions from '../../content/04-middleware/check-yourself.ts';
import { compose, type Middleware } from '../../content/04-middleware/snippets/middleware.ts';
import { leakyBoundary } from '../../content/04-middleware/snippets/pitfalls.ts';
import { createHonoApp } from '../../content/04-middleware/snippets/hono-app.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

proof('compose-order', async () => {
  const log: string[] = [];
  const layer = (name: string): Middleware<object> => (next) => async (req, ctx) => {
    log.push(name);
    const res = await next(req, ctx);
    log.push(`/${name}`);
    return res;
  };
  await compose(layer('a'), layer('b'), layer('c'))(async () => {
    log.push('h');
    return new Response('ok');
  })(request('GET', '/'), {});
  return `\`${log.join(' ')}\``;
});

proof('forgotten-await', async () => {
  const boom = new Error('boom');
  try {
    const res = await leakyBoundary(() => Promise.reject(boom))(request('GET', '/'), { requestId: 'r' });
    return res.status === 500 ? 'a JSON 500 response' : `a ${res.status}`;
  } catch (error) {
    return error === boom ? 'the rejection, unchanged' : 'another error';
  }
});

proof('hono-try-next', async () => {
  const seen: string[] = [];
  const app = new Hono();
  app.use(async (c, next) => {
    try {
      await next();
      seen.push(`resolved ${c.res.status}`);
    } catch {
      seen.push('caught');
    }
  });
  app.get('/', () => {
    throw new Error('boom');
  });
  app.onError((_error, c) => c.json({ error: 'internal' }, 500));
  await app.request('/');
  if (seen[0] === 'caught') return 'its `catch` receives the error';
  return seen[0] === 'resolved 500' ? '`next()` resolves and the response is already a 500' : String(seen);
});

proof('hono-malformed-auth', async () => {
  const app = createHonoApp({
    findUser: async (token) => (token === 'alice-token' ? 1 : null),
    now: () => 0,
    access: () => {},
    log: { error: () => {}, info: () => {} },
  });
  return String((await app.request('/api/me', { headers: { Authorization: 'Basic alice-token' } })).status);
});

proof.everyQuestion();
