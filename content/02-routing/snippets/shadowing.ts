/**
 * Route order: the first route that matches wins, exactly as in a
 * URLconf. A param route registered before a static one swallows it.
 */
import type { Handler, Route } from './route-table.ts';

const showByNumber: Handler = (_request, { number }) =>
  Response.json({ number });
const newInvoiceForm: Handler = () => Response.json({ form: 'new_invoice' });

// #region order
export const shadowed: Route[] = [
  ['GET /invoices/:number', showByNumber],
  // never reached: :number above matches "new"
  ['GET /invoices/new', newInvoiceForm],
];

export const fixed: Route[] = [
  ['GET /invoices/new', newInvoiceForm],
  ['GET /invoices/:number', showByNumber],
];
// #endregion
