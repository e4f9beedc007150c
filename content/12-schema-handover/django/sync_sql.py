"""The trigger that keeps memo and note equal while both are in use,
whichever one a writer sets (imported as handover.sync_sql)."""
# region trigger
CREATE_SYNC_TRIGGER = """
CREATE FUNCTION handover_invoice_sync_note() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.note IS NULL THEN
      NEW.note := NEW.memo;   -- old code: memo, or its default ''
    ELSE
      NEW.memo := NEW.note;   -- new code: note
    END IF;
  ELSIF NEW.memo IS DISTINCT FROM OLD.memo THEN
    NEW.note := NEW.memo;
  ELSIF NEW.note IS DISTINCT FROM OLD.note THEN
    NEW.memo := NEW.note;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER handover_invoice_sync_note
  BEFORE INSERT OR UPDATE ON handover_invoice
  FOR EACH ROW EXECUTE FUNCTION handover_invoice_sync_note();
"""

DROP_SYNC_TRIGGER = """
DROP TRIGGER handover_invoice_sync_note ON handover_invoice;
DROP FUNCTION handover_invoice_sync_note();
"""
# endregion
