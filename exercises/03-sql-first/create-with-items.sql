-- schema: test/fixtures/schema/billing.schema.sql
--
-- After editing this file, run `npm run sqlgen`: it rewrites
-- create-with-items.queries.ts with the types Postgres reports.

-- name: InsertInvoice :one
-- params: ownerId, customerId, number, issuedOn, totalCents
-- TODO: this trusts customerId. Another user's customer must be refused
-- too (422), not only a missing one: make the insert find nothing unless
-- the customer belongs to the owner (INSERT … SELECT … FROM
-- billing_customer WHERE …), so the function returns null.
INSERT INTO billing_invoice
       (owner_id, customer_id, number, total_cents, issued_on)
VALUES ($1, $2, $3, $5, $4)
RETURNING id, number, total_cents;

-- name: InsertLineItem :exec
-- params: invoiceId, description, quantity, unitPriceCents
-- One item per call is fine inside a transaction. (Curious? unnest() over
-- three arrays inserts them all in one statement.)
INSERT INTO billing_lineitem
       (invoice_id, description, quantity, unit_price_cents)
VALUES ($1, $2, $3, $4);
