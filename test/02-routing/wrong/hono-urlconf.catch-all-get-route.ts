// mistake: replaces app.notFound with a catch-all app.get("*") 404 route, so every path "exists" for GET and POST /api/nope gets 405 instead of 404.
import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
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
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => c.json({ error: 'method_not_allowed' }, 405, { Allow: methods.join(', ') }),
    }),
  );
  app.route('/api/invoices', invoices);
  app.get('*', (c) => c.json(notFound, 404));
  return app;
}
