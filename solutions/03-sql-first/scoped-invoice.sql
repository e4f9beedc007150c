-- schema: test/fixtures/schema/billing.schema.sql

-- name: InvoiceForOwner :one
-- params: id, ownerId
-- notnull: issued_on
-- The owner is part of the lookup, so "missing" and "someone else's" are
-- the same empty result. The JOIN is what select_related("customer") did.
SELECT i.id, i.number, i.status, i.total_cents,
       i.issued_on::text AS issued_on,
       c.id AS customer_id, c.name AS customer_name
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
 WHERE i.id = $1 AND i.owner_id = $2;
