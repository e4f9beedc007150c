"""GET /invoices/<id> for the signed-in user: the Django twin of
solutions/01-shape-of-a-service/invoice-detail.ts.

400 for a malformed id; 404 for a missing invoice and for someone else's,
with the same body. One query: the invoice JOINed to its customer
(select_related), scoped to the owner.
"""
import re

from django.http import JsonResponse

from billing.models import Invoice

# The workbook's bigint convention: ids are JavaScript-safe integers.
ID = re.compile(r"[1-9][0-9]{0,15}")
MAX_ID = 2**53 - 1


def parse_id(raw):
    if not ID.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


def invoice_detail(request, raw_id):
    pk = parse_id(raw_id)
    if pk is None:
        return JsonResponse({"error": "invalid_id"}, status=400)
    try:
        invoice = Invoice.objects.select_related("customer").get(pk=pk, owner=request.user)
    except Invoice.DoesNotExist:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse({
        "id": invoice.id,
        "number": invoice.number,
        "status": invoice.status,
        "totalCents": invoice.total_cents,
        "customer": {"id": invoice.customer.id, "name": invoice.customer.name},
    })


def scoped_invoice(request, raw_id):
    """The twin of solutions/03-sql-first/scoped-invoice.ts: invoice_detail
    plus the issue date as written ("2026-01-15")."""
    pk = parse_id(raw_id)
    if pk is None:
        return JsonResponse({"error": "invalid_id"}, status=400)
    try:
        invoice = Invoice.objects.select_related("customer").get(pk=pk, owner=request.user)
    except Invoice.DoesNotExist:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse({
        "id": invoice.id,
        "number": invoice.number,
        "status": invoice.status,
        "totalCents": invoice.total_cents,
        "issuedOn": invoice.issued_on.isoformat(),
        "customer": {"id": invoice.customer.id, "name": invoice.customer.name},
    })
