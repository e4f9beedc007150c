-- Up Migration
-- region contract
DROP TRIGGER billing_invoice_sync_note ON billing_invoice;
DROP FUNCTION billing_invoice_sync_note();
ALTER TABLE billing_invoice DROP COLUMN memo;
ALTER TABLE billing_invoice ALTER COLUMN note SET DEFAULT '';
ALTER TABLE billing_invoice ALTER COLUMN note SET NOT NULL;
-- endregion
