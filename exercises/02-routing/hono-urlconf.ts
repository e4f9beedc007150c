/**
 * Exercise: hono-urlconf — the same URLconf, with a framework.
 *
 * Port this Django URLconf to Hono (https://hono.dev, installed here):
 *
 *     urlpatterns = [path("api/", include([
 *         path("invoices/", views.invoice_list),           # GET only
 *         path("invoices/<int:pk>/", views.invoice_detail), # GET only
 *     ]))]
 *
 * Requirements (the grader checks each one):
 *   - GET /api/invoices → 200 {"invoices": store.list()}
 *   - GET /api/invoices/:id → 200 with store.get(id) as JSON, or 404
 *     {"error": "not_found"} when the store has no such invoice.
 *   - The id accepts digits only, like <int:pk>: "abc", "1e0", "-1", "1.0"
 *     get a 404 without the store ever being asked. (Hono path params take
 *     a regular expression: "/:id{[0-9]+}".)
 *   - Every other path, whatever the method → 404 with the JSON body
 *     {"error": "not_found"} (Hono's default 404 is text/plain: replace it
 *     with app.notFound).
 *   - A handler that throws (the store failing) → 500 {"error": "internal"}:
 *     log the error with console.error, never send its message to the
 *     client (Hono's default 500 is text/plain: replace it with app.onError).
 *   - Any method but GET/HEAD on those two paths (OPTIONS and methods
 *     you have never heard of included) → 405
 *     {"error": "method_not_allowed"} with "Allow: GET, HEAD". Hono answers
 *     404 by default; its methodNotAllowed middleware (hono/method-not-allowed)
 *     does the work if you give it a JSON response.
 *   - "/api/invoices/" (trailing slash, Django style) redirects
 *     permanently (301 or 308, as APPEND_SLASH does) to
 *     "/api/invoices", and "/api/invoices/7/" to "/api/invoices/7"
 *     (hono/trailing-slash has a middleware for it).
 *   - HEAD answers like GET (same status and headers) with an empty body.
 *   - Group the invoice routes in their own Hono instance and mount it with
 *     app.route(...) — the include() of Hono.
 */
import { Hono } from 'hono';

export interface Invoice {
  id: number;
  number: string;
  totalCents: number;
}

export interface InvoiceStore {
  list(): Invoice[];
  get(id: number): Invoice | undefined;
}

export function createApp(store: InvoiceStore): Hono {
  const app = new Hono();
  // TODO: build the invoice routes, mount them under /api/invoices,
  // and make every error answer JSON.
  void store;
  return app;
}
