/**
 * The bench database: the billing tables Django's migrations create
 * (test/fixtures/schema/billing.schema.sql, via test/fixtures/billing.ts), seeded with
 * 100 users, 500 customers (5 per user) and 10,000 invoices.
 * Invoice i belongs to user ((i - 1) % 100) + 1 — the wrk script relies on it.
 */
import { billing } from '../../../test/fixtures/billing.ts';

export const USERS = 100;
export const CUSTOMERS_PER_USER = 5;
export const INVOICES = 10_000;

export const schema = billing.schema;

export const seed = `
  -- Every NOT NULL column of Django's auth_user: the database has no defaults for them.
  INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
    SELECT '!bench-no-login', false, 'user' || lpad(u::text, 3, '0'), '', '', '', false, true, timestamptz '2026-01-01 09:00:00+00'
      FROM generate_series(1, ${USERS}) AS u;
  -- customer c belongs to user ((c - 1) % ${USERS}) + 1
  INSERT INTO billing_customer (owner_id, name)
    SELECT ((c - 1) % ${USERS}) + 1, 'Customer ' || c FROM generate_series(1, ${USERS * CUSTOMERS_PER_USER}) AS c;
  INSERT INTO billing_invoice (owner_id, customer_id, number, status, total_cents, issued_on)
    SELECT ((i - 1) % ${USERS}) + 1,
           ((i - 1) % ${USERS}) + 1 + ${USERS} * (((i - 1) / ${USERS}) % ${CUSTOMERS_PER_USER}),
           'INV-' || lpad(i::text, 6, '0'),
           (ARRAY['draft', 'sent', 'paid'])[1 + i % 3],
           (i * 7919) % 100000,
           date '2026-01-01' + (i % 365)
      FROM generate_series(1, ${INVOICES}) AS i;
  ANALYZE;
`;
