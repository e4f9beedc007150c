-- schema: test/fixtures/schema/billing.schema.sql

-- name: InsertInvoice :one
-- params: ownerId, customerId, number, issuedOn, totalCents
-- INSERT … SELECT: the customer must exist AND belong to the owner, or no
-- row is inserted (and the caller answers 422). A plain VALUES insert
-- would happily attach someone else's customer.
INSERT INTO billing_invoice
       (owner_id, customer_id, number, total_cents, issued_on)
SELECT $1, c.id, $3, $5, $4
  FROM billing_customer c
 WHERE c.id = $2 AND c.owner_id = $1
RETURNING id, number, total_cents;

-- name: InsertLineItems :exec
-- params: invoiceId, descriptions, quantities, unitPricesCents
-- Every item in one statement: unnest() turns three parallel arrays into
-- rows. The CHECK constraints (quantity > 0, price >= 0) still apply.
INSERT INTO billing_lineitem
       (invoice_id, description, quantity, unit_price_cents)
SELECT $1, d, q, p
  FROM unnest($2::text[], $3::int[], $4::int[]) AS item (d, q, p);
