BEGIN;
--
-- Rename field memo on invoice to note
--
ALTER TABLE "handover_invoice" RENAME COLUMN "memo" TO "note";
COMMIT;
