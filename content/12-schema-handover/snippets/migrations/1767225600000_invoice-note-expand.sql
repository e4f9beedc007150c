-- Up Migration
-- region expand
ALTER TABLE billing_invoice ADD COLUMN note text;

CREATE FUNCTION billing_invoice_sync_note() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.note IS NULL THEN
      NEW.note := NEW.memo;
    ELSE
      NEW.memo := NEW.note;
    END IF;
  ELSIF NEW.memo IS DISTINCT FROM OLD.memo THEN
    NEW.note := NEW.memo;
  ELSIF NEW.note IS DISTINCT FROM OLD.note THEN
    NEW.memo := NEW.note;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER billing_invoice_sync_note
  BEFORE INSERT OR UPDATE ON billing_invoice
  FOR EACH ROW EXECUTE FUNCTION billing_invoice_sync_note();
-- endregion

-- Down Migration
-- region expand-down
DROP TRIGGER billing_invoice_sync_note ON billing_invoice;
DROP FUNCTION billing_invoice_sync_note();
ALTER TABLE billing_invoice DROP COLUMN note;
-- endregion
