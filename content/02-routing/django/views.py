"""Chapter 2's Django side: the views behind urls.py and shadowing.py.

Executed by test/django/tests/test_02_routing.py under the pinned Django
(test/django/requirements.txt). The views skip owner scoping (chapter 1's subject) to keep the focus on
which request reaches which view.
"""
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_http_methods

from billing.models import Invoice


def as_json(invoice):
    return {
        "id": invoice.id,
        "number": invoice.number,
        "total_cents": invoice.total_cents,
    }


# region views
@require_GET
def invoice_list(request):
    invoices = Invoice.objects.order_by("id")
    return JsonResponse({"invoices": [as_json(i) for i in invoices]})


@require_http_methods(["GET", "DELETE"])
def invoice_detail(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    if request.method == "DELETE":
        invoice.delete()
        return HttpResponse(status=204)
    return JsonResponse(as_json(invoice))
# endregion


# region by-number
@require_GET
def invoice_by_number(request, number):
    invoice = get_object_or_404(Invoice, number=number)
    return JsonResponse(as_json(invoice))


@require_GET
def new_invoice_form(request):
    return JsonResponse({"form": "new_invoice"})
# endregion
