"""Chapter 3: the ORM calls the TypeScript side replaces with .sql files."""
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.http import JsonResponse

from billing.models import Customer, Invoice, LineItem


# region detail
@login_required
def invoice_detail(request, pk):
    try:
        invoice = Invoice.objects.select_related("customer").get(
            id=pk, owner=request.user
        )
    except Invoice.DoesNotExist:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse({
        "id": invoice.id,
        "number": invoice.number,
        "totalCents": invoice.total_cents,
        "customer": invoice.customer.name,  # no second query
    })
# endregion


# region page
def invoice_page(user):
    rows = (
        Invoice.objects.filter(owner=user)
        .select_related("customer")
        .annotate(
            item_count=Count("items"),
            items_total=Coalesce(
                Sum(F("items__quantity") * F("items__unit_price_cents")), 0
            ),
        )
        .order_by("-issued_on", "-id")
    )
    return [
        {"number": i.number, "customer": i.customer.name,
         "itemCount": i.item_count, "itemsTotalCents": i.items_total}
        for i in rows[:50]
    ]
# endregion


# region prefetch
def invoices_with_items(user):
    invoices = Invoice.objects.filter(owner=user).prefetch_related("items")
    return {
        inv.number: [item.description for item in inv.items.all()]
        for inv in invoices.order_by("id")
    }
# endregion


# region nplusone
def invoices_with_items_slowly(user):
    return {
        inv.number: [item.description for item in inv.items.all()]
        for inv in Invoice.objects.filter(owner=user).order_by("id")
    }
# endregion


# region count_filter
def open_invoices_per_customer(user):
    return list(
        Customer.objects.filter(owner=user)
        .annotate(open=Count("invoice", filter=Q(invoice__status="sent")))
        .values("name", "open")
        .order_by("name")
    )
# endregion


# region create
def create_invoice(user, customer_id, number, issued_on, items):
    try:
        with transaction.atomic():
            customer = Customer.objects.get(id=customer_id, owner=user)
            invoice = Invoice.objects.create(
                owner=user, customer=customer, number=number,
                issued_on=issued_on, status="draft",
                total_cents=sum(q * p for _, q, p in items),
            )
            LineItem.objects.bulk_create([
                LineItem(invoice=invoice, description=d,
                         quantity=q, unit_price_cents=p)
                for d, q, p in items
            ])
    except Customer.DoesNotExist:
        return 422, {"error": "unknown_customer"}
    except IntegrityError:
        # A duplicate number or a refused item: both land here.
        return 409, {"error": "conflict"}
    return 201, {"id": invoice.id}
# endregion
