-- schema: test/fixtures/schema/billing.schema.sql

-- name: SearchInvoices :many
-- params: ownerId, text, sort, limit, offset
-- notnull: issued_on
-- The user's text is a value ($2), never SQL. Inside ILIKE, % and _ are
-- wildcards and \ escapes them, so escape all three before wrapping the
-- text in %…%: searching "100%" then finds a literal percent sign.
-- The sort key is a value too ($3): each CASE sorts only when it matches,
-- so the ORDER BY clause is fixed text and needs no string building.
SELECT i.id, i.number, i.status, i.total_cents,
       i.issued_on::text AS issued_on, c.name AS customer_name
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
 CROSS JOIN (
   SELECT '%' || replace(replace(replace($2::text,
            '\', '\\'), '%', '\%'), '_', '\_') || '%' AS pattern
 ) AS q
 WHERE i.owner_id = $1
   AND (i.number ILIKE q.pattern OR c.name ILIKE q.pattern)
 ORDER BY
   CASE WHEN $3::text = 'number' THEN i.number END,
   CASE WHEN $3::text = '-number' THEN i.number END DESC,
   CASE WHEN $3::text = 'issued_on' THEN i.issued_on END,
   CASE WHEN $3::text = '-issued_on' THEN i.issued_on END DESC,
   CASE WHEN $3::text = 'total' THEN i.total_cents END,
   CASE WHEN $3::text = '-total' THEN i.total_cents END DESC,
   i.id
 LIMIT $4 OFFSET $5;
