/**
 * Chapter 8: what replaces the shell session. The guide's snippet test
 * imports this file, so these run with every `npm run verify`.
 */
import { expect, it } from 'vitest';
import { overdue } from './overdue.ts';

// #region tests
const rows = [
  { number: 'INV-001', status: 'paid', issuedOn: '2026-01-15' },
  { number: 'INV-002', status: 'sent', issuedOn: '2026-02-01' },
  { number: 'GLX-001', status: 'sent', issuedOn: '2026-02-20' },
];

it('lists sent invoices issued more than 30 days ago', () => {
  expect(overdue(rows, '2026-03-15')).toEqual(['INV-002']);
});

it('does not count day 30 itself as overdue', () => {
  expect(overdue(rows, '2026-03-03')).toEqual([]);
});
// #endregion
