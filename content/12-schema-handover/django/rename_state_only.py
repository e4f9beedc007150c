"""Renaming the field in Python only: the column keeps its name, so no SQL
runs. Fine while Django is the only reader of the table."""
# region state-only
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("handover", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("invoice", "memo", "note"),
                migrations.AlterField(
                    "invoice", "note", models.TextField(db_column="memo", db_default="")
                ),
            ],
        ),
    ]
# endregion
