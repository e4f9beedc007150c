/**
 * The URLconf of content/02-routing/django/urls.py as a Hono app. Like
 * Django's include(), the invoice routes live in their own Hono instance,
 * mounted once under /api.
 */
import { Hono } from 'hono';
import type { InvoiceStore } from './invoices.ts';

const notFound = { error: 'not_found' } as const;

// No return type written: the inferred one carries every route, which is
// what hono/client reads (typed-client.ts).
export function createApp(store: InvoiceStore) {
  // #region app
  const invoices = new Hono()
    .get('/invoices', (c) =>
      c.json({ invoices: store.list() }))
    .get('/invoices/:id{[0-9]+}', (c) => {
      const id = Number(c.req.param('id'));
      const invoice = store.get(id);
      if (!invoice) return c.json(notFound, 404);
      return c.json(invoice);
    })
    .delete('/invoices/:id{[0-9]+}', (c) => {
      const id = Number(c.req.param('id'));
      if (!store.delete(id)) return c.json(notFound, 404);
      return c.body(null, 204);
    });

  // include(): the group, mounted under a prefix
  const app = new Hono().route('/api', invoices);
  app.notFound((c) => c.json(notFound, 404));
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: 'internal' }, 500);
  });
  // #endregion
  return app;
}

export type App = ReturnType<typeof createApp>;
