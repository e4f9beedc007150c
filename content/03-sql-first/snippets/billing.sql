-- schema: test/fixtures/schema/billing.schema.sql
--
-- The chapter's queries. `npm run sqlgen` writes billing.queries.ts.

-- region detail
-- name: InvoiceForOwner :one
-- params: id, ownerId
SELECT i.id, i.number, i.total_cents,
       c.name AS customer_name
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
 WHERE i.id = $1 AND i.owner_id = $2;
-- endregion

-- region prefetch
-- name: InvoicesForOwner :many
-- params: ownerId
SELECT id, number FROM billing_invoice
 WHERE owner_id = $1
 ORDER BY id;

-- name: ItemsForInvoices :many
-- params: invoiceIds
SELECT invoice_id, description FROM billing_lineitem
 WHERE invoice_id = ANY($1::bigint[])
 ORDER BY id;
-- endregion

-- region count_filter
-- name: OpenInvoicesPerCustomer :many
-- params: ownerId
-- notnull: open
SELECT c.name,
       count(i.id) FILTER (WHERE i.status = 'sent') AS open
  FROM billing_customer c
  LEFT JOIN billing_invoice i ON i.customer_id = c.id
 WHERE c.owner_id = $1
 GROUP BY c.id
 ORDER BY c.name;
-- endregion

-- region traps
-- name: InvoiceStats :one
-- params: ownerId
SELECT count(*) AS invoices,
       sum(total_cents) AS total_cents,
       avg(total_cents) AS average_cents,
       min(issued_on) AS first_issued,
       now() AS generated_at
  FROM billing_invoice
 WHERE owner_id = $1;
-- endregion

-- region left_join
-- name: CustomersWithInvoices :many
-- params: ownerId
-- nullable: status
SELECT c.name, i.status
  FROM billing_customer c
  LEFT JOIN billing_invoice i ON i.customer_id = c.id
 WHERE c.owner_id = $1
 ORDER BY c.name, i.id;
-- endregion

-- region create
-- name: InsertInvoice :one
-- params: ownerId, customerId, number, issuedOn, totalCents
INSERT INTO billing_invoice
       (owner_id, customer_id, number, total_cents, issued_on)
SELECT $1, c.id, $3, $5, $4
  FROM billing_customer c
 WHERE c.id = $2 AND c.owner_id = $1
RETURNING id;

-- name: InsertLineItem :exec
-- params: invoiceId, description, quantity, unitPriceCents
INSERT INTO billing_lineitem
       (invoice_id, description, quantity, unit_price_cents)
VALUES ($1, $2, $3, $4);
-- endregion
