"""Chapter 8: two Django habits, as views the guide's tests execute.

`invoice_list` takes everything from the framework (decorators, a form,
the ORM, JsonResponse); `pay` signals its failures with exceptions.
"""
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from billing.models import Invoice

STATUSES = ["draft", "sent", "paid"]


# region batteries
class Filters(forms.Form):
    status = forms.ChoiceField(
        choices=[(s, s) for s in STATUSES], required=False
    )


@require_GET
@login_required
def invoice_list(request):
    form = Filters(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=422)
    invoices = Invoice.objects.filter(owner=request.user)
    if form.cleaned_data["status"]:
        invoices = invoices.filter(status=form.cleaned_data["status"])
    rows = invoices.order_by("number").values(
        "id", "number", "status", "total_cents"
    )
    return JsonResponse({"invoices": list(rows)})
# endregion


# region exceptions
class AlreadyPaid(Exception):
    pass


def mark_paid(user, pk):
    invoice = Invoice.objects.get(pk=pk, owner=user)
    if invoice.status == "paid":
        raise AlreadyPaid(invoice.number)
    invoice.status = "paid"
    invoice.save(update_fields=["status"])
    return invoice


@require_POST
@login_required
def pay(request, pk):
    try:
        invoice = mark_paid(request.user, pk)
    except Invoice.DoesNotExist:
        raise Http404
    except AlreadyPaid:
        return JsonResponse({"error": "already_paid"}, status=409)
    return JsonResponse({"id": invoice.pk, "status": invoice.status})
# endregion
