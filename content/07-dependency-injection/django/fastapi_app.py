"""Chapter 7: mark-paid in FastAPI, where Depends is injection done by the
framework. Executed by test/django/tests/test_07_fastapi.py, which also
runs the chapter's FastAPI tests (fastapi_tests.py).
"""
import datetime
import json
import urllib.request
from typing import Annotated, Protocol

from django.conf import settings
from fastapi import Depends, FastAPI, Header, HTTPException

from billing.models import Invoice

UTC = datetime.timezone.utc


class Clock(Protocol):
    def now(self) -> datetime.datetime: ...


class Receipts(Protocol):
    def send(self, number: str, paid_at: datetime.datetime) -> None: ...


class Invoices(Protocol):
    def mark_paid(self, invoice_id: int, owner_id: int) -> str | None: ...


class SystemClock:
    def now(self):
        return datetime.datetime.now(UTC)


class HttpReceipts:
    def __init__(self, base_url):
        self.base_url = base_url

    def send(self, number, paid_at):
        body = json.dumps({"number": number, "paidAt": paid_at.isoformat()})
        request = urllib.request.Request(
            self.base_url + "/receipts", data=body.encode(), method="POST"
        )
        urllib.request.urlopen(request, timeout=5)


class OrmInvoices:
    def mark_paid(self, invoice_id, owner_id):
        mine = Invoice.objects.filter(pk=invoice_id, owner_id=owner_id)
        if mine.filter(status="sent").update(status="paid") == 0:
            return None
        return mine.values_list("number", flat=True).get()


# region depends
def get_clock() -> Clock:
    return SystemClock()


def get_receipts() -> Receipts:
    return HttpReceipts(getattr(settings, "RECEIPTS_URL", "https://receipts.internal"))


def get_invoices() -> Invoices:
    return OrmInvoices()


app = FastAPI()


@app.post("/invoices/{invoice_id}/pay")
def mark_paid(
    invoice_id: int,
    x_user_id: Annotated[int, Header()],  # set by the auth gateway
    clock: Annotated[Clock, Depends(get_clock)],
    receipts: Annotated[Receipts, Depends(get_receipts)],
    invoices: Annotated[Invoices, Depends(get_invoices)],
):
    paid_at = clock.now()
    number = invoices.mark_paid(invoice_id, x_user_id)
    if number is None:
        raise HTTPException(409, detail="not_payable")
    receipts.send(number, paid_at)
    return {"id": invoice_id, "number": number, "paidAt": paid_at}
# endregion
