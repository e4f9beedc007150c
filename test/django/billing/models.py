"""The billing app the guide's Django snippets use, and the schema every
billing grader runs on.

Its migrations are the one source of the workbook's billing tables
(auth_user, billing_customer, billing_invoice, billing_lineitem):
`manage.py workbook_schema` applies them to a real PostgreSQL and writes
the DDL to test/fixtures/schema/billing.schema.sql, which the TypeScript
fixtures and `npm run sqlgen` read. So a column here is a column there,
with Django's types (bigint ids, DEFERRABLE foreign keys).

What the database enforces is only what is declared for it below:
`Meta.constraints` and `db_default`. `on_delete`, `choices`, `default`,
validators and `auto_now` live in Python; a second service writing these
tables (the TypeScript one) gets none of them.
"""
from django.conf import settings
from django.db import models


class Customer(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.TextField()


class Invoice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        SENT = "sent"
        PAID = "paid"

    class Currency(models.TextChoices):
        EUR = "EUR"
        USD = "USD"
        GBP = "GBP"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT)
    # A draft has no number and no issue date until it is sent (chapter 5).
    number = models.TextField(null=True, blank=True)
    # db_default, not only default: an INSERT that leaves these out (the
    # TypeScript service's, or raw SQL) gets the same value Django would use.
    status = models.TextField(choices=Status.choices, db_default=Status.DRAFT)
    total_cents = models.IntegerField()
    currency = models.TextField(choices=Currency.choices, db_default=Currency.EUR)
    memo = models.TextField(blank=True, db_default="")
    issued_on = models.DateField(null=True, blank=True)
    # Chapter 7: "mark paid" writes the injected clock's time here.
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Several drafts may share number NULL: NULLs are distinct in a unique constraint.
            models.UniqueConstraint(fields=["owner", "number"], name="billing_invoice_owner_number"),
            # choices= alone is a form/serializer check; this one holds for every writer.
            models.CheckConstraint(condition=models.Q(status__in=["draft", "sent", "paid"]), name="billing_invoice_status_valid"),
            models.CheckConstraint(condition=models.Q(total_cents__gte=0), name="billing_invoice_total_not_negative"),
        ]


class LineItem(models.Model):
    """Chapter 3's line items: the handler relies on the database refusing a
    non-positive quantity or a negative price (SQLSTATE 23514)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="items")
    description = models.TextField()
    quantity = models.IntegerField()
    unit_price_cents = models.IntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="billing_lineitem_quantity_positive"),
            models.CheckConstraint(condition=models.Q(unit_price_cents__gte=0), name="billing_lineitem_price_not_negative"),
        ]
