"""Contract: once no running code reads memo, drop the trigger and the old
column, and give note the constraint memo had."""
# region contract
from django.db import migrations, models

from handover.sync_sql import CREATE_SYNC_TRIGGER, DROP_SYNC_TRIGGER


class Migration(migrations.Migration):
    dependencies = [("handover", "0003_note_backfill")]

    operations = [
        migrations.RunSQL(DROP_SYNC_TRIGGER, reverse_sql=CREATE_SYNC_TRIGGER),
        migrations.RemoveField("invoice", "memo"),
        migrations.AlterField("invoice", "note", models.TextField(db_default="")),
    ]
# endregion
