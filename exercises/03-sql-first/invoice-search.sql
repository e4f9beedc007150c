-- schema: test/fixtures/schema/billing.schema.sql
--
-- After editing this file, run `npm run sqlgen`: it rewrites
-- invoice-search.queries.ts with the types Postgres reports.

-- name: SearchInvoices :many
-- params: ownerId, limit, offset
-- notnull: issued_on
-- TODO: add the search text and the sort key as parameters (rename them in
-- "-- params:" in order), match the text against the number and the
-- customer name with ILIKE — escaping %, _ and \ first — and sort by the
-- key. Two ways to sort without building SQL strings: one ORDER BY with a
-- CASE per key (CASE WHEN $3 = 'number' THEN i.number END, …), or one
-- named query per sort key, chosen in TypeScript from a fixed map. Either
-- way, the user's text never becomes SQL.
SELECT i.id, i.number, i.status, i.total_cents,
       i.issued_on::text AS issued_on, c.name AS customer_name
  FROM billing_invoice i
  JOIN billing_customer c ON c.id = i.customer_id
 WHERE i.owner_id = $1
 ORDER BY i.id
 LIMIT $2 OFFSET $3;
