/**
 * Routes as data, method and path on one line, and the smallest matcher
 * that can serve them. Deliberately incomplete: a wrong method and HEAD
 * both get a 404, params stay percent-encoded, and "/api/invoices/" is a
 * 404. Fixing that is the `router` exercise.
 */
import type { InvoiceStore } from './invoices.ts';

export type Params = Record<string, string | undefined>;
export type Handler = (
  request: Request,
  params: Params,
) => Response | Promise<Response>;
/** "METHOD /path/:param", then the handler. */
export type Route = [key: string, handler: Handler];

const notFound = () =>
  Response.json({ error: 'not_found' }, { status: 404 });

function invoiceHandlers(
  store: InvoiceStore,
): Record<'list' | 'show' | 'remove', Handler> {
  return {
    list: () => Response.json({ invoices: store.list() }),
    show: (_request, { id }) => {
      const invoice = store.get(Number(id));
      return invoice ? Response.json(invoice) : notFound();
    },
    remove: (_request, { id }) =>
      store.delete(Number(id))
        ? new Response(null, { status: 204 })
        : notFound(),
  };
}

// #region table
export function invoiceRoutes(store: InvoiceStore): Route[] {
  const h = invoiceHandlers(store);
  return [
    ['GET /api/invoices', h.list],
    ['GET /api/invoices/:id([0-9]+)', h.show],
    ['DELETE /api/invoices/:id([0-9]+)', h.remove],
  ];
}
// #endregion

// #region match
export function naiveRouter(routes: Route[]) {
  const table = routes.map(([key, handler]) => {
    const [method, pathname] = key.split(' ') as [string, string];
    return { method, pattern: new URLPattern({ pathname }), handler };
  });

  return async (request: Request): Promise<Response> => {
    for (const { method, pattern, handler } of table) {
      const match = pattern.exec(request.url);
      if (match && method === request.method) {
        return handler(request, match.pathname.groups);
      }
    }
    return notFound();
  };
}
// #endregion
