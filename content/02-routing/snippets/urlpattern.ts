/**
 * URLPattern, a global in Node 24 (and Deno): the platform's own path
 * matcher. What it does and does not do for you.
 */
// #region pattern
const BASE = 'http://localhost'; // so a path parses as a URL
// <int:pk> in URLPattern syntax: a regular expression in parentheses.
export const invoice = new URLPattern({
  pathname: '/invoices/:id([0-9]+)',
});
export const customer = new URLPattern({
  pathname: '/customers/:name',
});

export function params(pattern: URLPattern, path: string) {
  return pattern.exec(path, BASE)?.pathname.groups ?? null;
}

// params(invoice, '/invoices/42?page=2')    → { id: '42' }
// params(invoice, '/invoices/abc')          → null
// params(invoice, '/invoices/42/')          → null
// params(customer, '/customers/caf%C3%A9')  → { name: 'caf%C3%A9' }
// #endregion
