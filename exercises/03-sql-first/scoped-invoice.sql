-- schema: test/fixtures/schema/billing.schema.sql
--
-- After editing this file, run `npm run sqlgen`: it rewrites
-- scoped-invoice.queries.ts with the types Postgres reports.

-- name: InvoiceForOwner :one
-- params: id
-- TODO: this finds any invoice by id. JOIN billing_customer for the
-- customer's id and name, scope it to the owner (a second parameter:
-- "-- params: id, ownerId"), and return issued_on as text.
SELECT i.id, i.number, i.status, i.total_cents
  FROM billing_invoice i
 WHERE i.id = $1;
