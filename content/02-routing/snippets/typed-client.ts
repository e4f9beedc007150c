/**
 * Chapter 2: what replaces reverse(). hono/client builds a client from the
 * app's type, so a URL to a route that does not exist fails to compile.
 */
import { hc } from 'hono/client';
import type { App } from './hono-app.ts';

// #region client
export function billingClient(baseUrl: string, fetch?: typeof globalThis.fetch) {
  return hc<App>(baseUrl, { fetch });
}

export function invoiceUrl(id: number): URL {
  const client = billingClient('https://billing.example');
  // reverse("invoice-detail", args=[id]), checked by tsc:
  return client.api.invoices[':id{[0-9]+}'].$url({ param: { id: String(id) } });
}

export function typos() {
  const client = billingClient('https://billing.example');
  // @ts-expect-error -- no route /api/invoice/:id: a typo does not compile
  client.api.invoice[':id{[0-9]+}'];
  // @ts-expect-error -- a missing param does not compile either
  return client.api.invoices[':id{[0-9]+}'].$url({});
}
// #endregion
