"""Chapter 8: two Django habits, as views the guide's tests execute.

`invoice_list` takes everything from the framework (decorators, a form,
the ORM, JsonResponse); `pay` signals its failures with exceptions.
Neither `mark_paid` nor `pay_if_unpaid` can pay one invoice twice when two
requests race: the first locks the row, the second puts the check in the
UPDATE.
"""
from django import forms
from django.db import transaction
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


@transaction.atomic
def mark_paid(user, pk):
    # FOR UPDATE: a concurrent payment waits here until this one commits.
    invoice = Invoice.objects.select_for_update().get(pk=pk, owner=user)
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


# region conditional-update
def pay_if_unpaid(user, pk):
    """The check inside the UPDATE: of two racing calls, one gets 1."""
    updated = (
        Invoice.objects.filter(pk=pk, owner=user)
        .exclude(status="paid")
        .update(status="paid")
    )
    return updated == 1
# endregion
