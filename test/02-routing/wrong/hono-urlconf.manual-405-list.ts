// mistake: 405 hand-rolled with app.on(['POST','PUT','PATCH','DELETE'], …) instead of methodNotAllowed: OPTIONS (CORS preflight) and other methods get 404 not 405 (second blind sweep)
/**
 * The Django URLconf
 *
 *     urlpatterns = [path("api/", include([
 *         path("invoices/", views.invoice_list),
 *         path("invoices/<int:pk>/", views.invoice_detail),
 *     ]))]
 *
 * as a Hono app: a sub-app for the invoice routes, mounted once under /api.
 */
import { Hono } from 'hono';
import { trimTrailingSlash } from 'hono/trailing-slash';

export interface Invoice {
  id: number;
  number: string;
  totalCents: number;
}

export interface InvoiceStore {
  list(): Invoice[];
  get(id: number): Invoice | undefined;
}

const notFound = { error: 'not_found' } as const;

export function createApp(store: InvoiceStore): Hono {
  const invoices = new Hono()
    .get('/', (c) => c.json({ invoices: store.list() }))
    // {[0-9]+} is Django's <int:pk>: "abc" never reaches the handler.
    .get('/:id{[0-9]+}', (c) => {
      const invoice = store.get(Number(c.req.param('id')));
      return invoice ? c.json(invoice) : c.json(notFound, 404);
    });

  const app = new Hono();
  app.use(trimTrailingSlash());
  app.route('/api/invoices', invoices);
  // Django's @require_GET: every write method on our two paths is a 405.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], ['/api/invoices', '/api/invoices/:id{[0-9]+}'], (c) =>
    c.json({ error: 'method_not_allowed' }, 405, { Allow: 'GET, HEAD' }),
  );
  app.notFound((c) => c.json(notFound, 404));
  // handler500: log the error for us, tell the client nothing about it.
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}
