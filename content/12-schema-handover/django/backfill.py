"""Migrate: copy memo into note for the rows written before the expand, in
batches, each committed on its own (atomic = False)."""
# region backfill
from django.db import migrations
from django.db.models import F

BATCH = 1000


def copy_memo_to_note(apps, schema_editor):
    Invoice = apps.get_model("handover", "Invoice")
    while True:
        ids = list(
            Invoice.objects.filter(note__isnull=True)
            .order_by("id")
            .values_list("id", flat=True)[:BATCH]
        )
        if not ids:
            return
        Invoice.objects.filter(id__in=ids).update(note=F("memo"))


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("handover", "0002_note_expand")]

    operations = [
        migrations.RunPython(copy_memo_to_note, migrations.RunPython.noop, elidable=True),
    ]
# endregion
