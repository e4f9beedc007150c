"""Chapter 7: the FastAPI app's tests, as a FastAPI team writes them:
TestClient plus app.dependency_overrides, no mock.patch."""
import datetime
import unittest

from fastapi.testclient import TestClient

from payments.api import app, get_clock, get_invoices, get_receipts

UTC = datetime.timezone.utc


# region override
class FixedClock:
    def now(self):
        return datetime.datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


class FakeInvoices:
    def mark_paid(self, invoice_id, owner_id):
        return "INV-002" if (invoice_id, owner_id) == (2, 1) else None


class FakeReceipts:
    def __init__(self):
        self.sent = []

    def send(self, number, paid_at):
        self.sent.append((number, paid_at))


class MarkPaidApiTests(unittest.TestCase):
    def setUp(self):
        self.receipts = FakeReceipts()
        # Keyed by the function object, not by a dotted name.
        app.dependency_overrides = {
            get_clock: FixedClock,
            get_invoices: FakeInvoices,
            get_receipts: lambda: self.receipts,
        }
        self.addCleanup(app.dependency_overrides.clear)
        self.client = TestClient(app)

    def test_marks_paid_and_sends_a_receipt(self):
        response = self.client.post("/invoices/2/pay", headers={"X-User-Id": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["paidAt"], "2026-03-04T09:30:00+00:00")
        self.assertEqual(self.receipts.sent, [("INV-002", FixedClock().now())])
# endregion

    def test_an_invoice_that_is_not_payable_is_a_409_and_sends_nothing(self):
        response = self.client.post("/invoices/3/pay", headers={"X-User-Id": "1"})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(response.json(), {"detail": "not_payable"})
        self.assertEqual(self.receipts.sent, [])
