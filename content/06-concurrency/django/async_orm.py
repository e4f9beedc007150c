"""Chapter 6: the async ORM (Django 4.1+) in async views, and what still
needs sync_to_async in Django 5.2.

Executed by test/django/tests/test_06_async_orm.py. `upstream` is the
same fake-able client module attribute as in views.py.
"""
import asyncio

from asgiref.sync import sync_to_async
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import aget_object_or_404

from billing.models import Customer, Invoice, LineItem

upstream = None  # the tests put a fake client here


# region async-orm
async def customer_page(request, pk):
    user = await request.auser()  # Django 5.0+
    customer = await aget_object_or_404(Customer, pk=pk, owner=user)
    # A query and an HTTP call overlap: the loop runs the call while
    # the query waits on the database thread.
    open_count, notes = await asyncio.gather(
        Invoice.objects.filter(customer=customer, status="sent").acount(),
        upstream.notifications_async(user.id),
    )
    numbers = [
        invoice.number
        async for invoice in customer.invoice_set.order_by("number")
    ]
    return JsonResponse({
        "name": customer.name,
        "open": open_count,
        "invoices": numbers,
        "notifications": notes,
    })
# endregion


# region still-sync
@sync_to_async
def recompute_total(invoice_id):
    # No async transaction.atomic in 5.2: the block runs as one sync
    # function on the connection's thread.
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        items = invoice.items.values_list("quantity", "unit_price_cents")
        invoice.total_cents = sum(q * p for q, p in items)
        invoice.save(update_fields=["total_cents"])
        return invoice.total_cents


async def add_item(request, pk):
    user = await request.auser()
    invoice = await aget_object_or_404(Invoice, pk=pk, owner=user)
    await LineItem.objects.acreate(
        invoice=invoice, description="Support", quantity=1,
        unit_price_cents=5000,
    )
    total = await recompute_total(invoice.pk)
    return JsonResponse({"id": invoice.pk, "total_cents": total})
# endregion
