"""Expand: add the new column (nullable, so the ALTER is instant) and the
trigger that keeps both columns equal. The old code keeps working."""
# region expand
from django.db import migrations, models

from handover.sync_sql import CREATE_SYNC_TRIGGER, DROP_SYNC_TRIGGER


class Migration(migrations.Migration):
    dependencies = [("handover", "0001_initial")]

    operations = [
        migrations.AddField("invoice", "note", models.TextField(null=True)),
        migrations.RunSQL(CREATE_SYNC_TRIGGER, reverse_sql=DROP_SYNC_TRIGGER),
    ]
# endregion
