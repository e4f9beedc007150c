/**
 * Proofs of chapter 2's "Check yourself" answers
 * (content/02-routing/check-yourself.ts): each runs the behaviour the
 * question asks about and must observe the answer the page shows.
 */
import { Hono } from 'hono';
import questions from '../../content/02-routing/check-yourself.ts';
import { createApp } from '../../content/02-routing/snippets/hono-app.ts';
import { memoryStore } from '../../content/02-routing/snippets/invoices.ts';
import { naiveRouter } from '../../content/02-routing/snippets/route-table.ts';
import { shadowed } from '../../content/02-routing/snippets/shadowing.ts';
import { invoice, params } from '../../content/02-routing/snippets/urlpattern.ts';
import { request } from '../../src/workbook/testing/http.ts';
import { jsValue, proofsFor } from './check-yourself.ts';

const proof = proofsFor(questions);

proof('hono-wrong-method', async () => {
  const app = createApp(memoryStore([{ id: 1, number: 'INV-001', totalCents: 100 }]));
  return String((await app.request('/api/invoices', { method: 'POST' })).status);
});

proof('urlpattern-group', () => jsValue(params(invoice, '/invoices/42')?.id));

proof('shadowed-route', async () => `\`${await (await naiveRouter(shadowed)(request('GET', '/invoices/new'))).text()}\``);

proof('hono-decodes', async () => {
  const app = new Hono().get('/c/:name', (c) => c.text(c.req.param('name')));
  return jsValue(await (await app.request('/c/caf%C3%A9')).text());
});

proof.everyQuestion();
