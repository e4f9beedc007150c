"""Chapter 7: views with hidden inputs. The database comes from settings,
the time from timezone.now(), and the receipts client is a module-level
object built when this file is first imported."""
import datetime
import json
import urllib.request

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from billing.models import Invoice


# region client
class ReceiptClient:
    """Posts payment receipts to the mail service."""

    def __init__(self, base_url):
        self.base_url = base_url

    def send(self, invoice):
        body = json.dumps({"number": invoice.number}).encode()
        request = urllib.request.Request(
            self.base_url + "/receipts", data=body, method="POST"
        )
        urllib.request.urlopen(request, timeout=5)


# Built once, at import time, from whatever settings said then.
receipts = ReceiptClient(
    getattr(settings, "RECEIPTS_URL", "https://receipts.internal")
)
# endregion


# region mark-paid
@require_POST
@login_required
def mark_paid(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
    if invoice.status != "sent":
        return JsonResponse(
            {"error": "not_payable", "status": invoice.status}, status=409
        )
    invoice.status = "paid"
    invoice.save(update_fields=["status"])
    receipts.send(invoice)  # the module-level client
    return JsonResponse({"id": invoice.pk, "status": "paid"})
# endregion


# region overdue
@login_required
def overdue(request):
    today = timezone.now().date()
    cutoff = today - datetime.timedelta(days=settings.INVOICE_DUE_DAYS)
    invoices = Invoice.objects.filter(
        owner=request.user, status="sent", issued_on__lt=cutoff
    ).order_by("issued_on", "id")
    return JsonResponse({
        "asOf": today.isoformat(),
        "invoices": [{"id": i.pk, "number": i.number} for i in invoices],
    })
# endregion


# region from-import
from django.utils.timezone import now  # noqa: E402  a second name


@login_required
def overdue_count(request):
    days = settings.INVOICE_DUE_DAYS
    cutoff = now().date() - datetime.timedelta(days=days)
    count = Invoice.objects.filter(
        owner=request.user, status="sent", issued_on__lt=cutoff
    ).count()
    return JsonResponse({"overdue": count})
# endregion
