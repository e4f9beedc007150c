"""The table every variant starts from: handover_invoice with a memo, as
billing_invoice has one (TextField with db_default="": NOT NULL DEFAULT '')."""
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.TextField()),
                ("memo", models.TextField(db_default="")),
            ],
        ),
    ]
