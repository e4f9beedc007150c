"""The billing app the guide's Django snippets use.

Its tables are the ones the TypeScript exercises query: billing_customer,
billing_invoice (plus Django's auth_user), so both sides of every
comparison talk about the same schema.
"""
from django.conf import settings
from django.db import models


class Customer(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.TextField()


class Invoice(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT)
    number = models.TextField()
    status = models.TextField()
    total_cents = models.IntegerField()
    issued_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "number"], name="billing_invoice_owner_number")]


class LineItem(models.Model):
    """Chapter 3's line items (table billing_lineitem), with the same CHECK
    constraints as test/fixtures/03-sql-first.schema.sql."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="items")
    description = models.TextField()
    quantity = models.IntegerField()
    unit_price_cents = models.IntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(check=models.Q(quantity__gt=0), name="billing_lineitem_quantity_positive"),
            models.CheckConstraint(check=models.Q(unit_price_cents__gte=0), name="billing_lineitem_price_not_negative"),
        ]
