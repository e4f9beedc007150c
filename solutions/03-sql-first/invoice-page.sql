-- schema: test/fixtures/schema/billing.schema.sql

-- name: InvoicePage :many
-- params: ownerId, limit, offset
-- notnull: issued_on, item_count, items_total_cents
-- One statement for the whole page, however long it is: the JOIN does what
-- select_related did, the LEFT JOIN + GROUP BY what annotate() did.
-- LEFT JOIN: an invoice without line items still appears, with 0 items.
SELECT i.id, i.number, i.status, i.issued_on::text AS issued_on,
       c.id AS customer_id, c.name AS customer_name,
       count(li.id)::int AS item_count,
       -- bigint before multiplying: int4 * int4 overflows at $21 million.
       -- sum(bigint) is numeric (a string in JS); ::bigint keeps it exact
       -- and makes it int8, a checked number through #lib/db's pool.
       coalesce(sum(li.quantity::bigint * li.unit_price_cents), 0)::bigint
         AS items_total_cents
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
  LEFT JOIN billing_lineitem li ON li.invoice_id = i.id
 WHERE i.owner_id = $1
 GROUP BY i.id, c.id
 ORDER BY i.issued_on DESC, i.id DESC
 LIMIT $2 OFFSET $3;
