"""Django's model once the TypeScript service owns the schema: Django still
reads and writes the table, but its migrations no longer change it."""
# region unmanaged
from django.db import models


class Invoice(models.Model):
    number = models.TextField()
    note = models.TextField(db_default="")

    class Meta:
        managed = False  # the TypeScript migrations own this table now
        db_table = "handover_invoice"
# endregion
