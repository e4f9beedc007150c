"""What `makemigrations` writes when you rename Invoice.memo to Invoice.note
and answer "y" to "Was invoice.memo renamed to invoice.note?"."""
# region rename
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("handover", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="invoice", old_name="memo", new_name="note"),
    ]
# endregion
