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
