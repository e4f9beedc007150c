"""Chapter 7: runs the FastAPI app (content/07-dependency-injection/django/
fastapi_app.py) and the chapter's FastAPI tests (fastapi_tests.py), plus
the claims the chapter makes about Depends beyond them."""
import sys
import types
from unittest import mock

from django.test import SimpleTestCase, TestCase
from fastapi.testclient import TestClient

from tests.fixtures import seed
from tests.snippets import load_snippet

api = load_snippet("07-dependency-injection/django/fastapi_app.py")

# The chapter's tests say `from payments.api import ...`: make that import work.
payments = types.ModuleType("payments")
payments.api = api
sys.modules["payments"] = payments
sys.modules["payments.api"] = api

chapter_tests = load_snippet("07-dependency-injection/django/fastapi_tests.py")
MarkPaidApiTests = chapter_tests.MarkPaidApiTests


class DependsTests(SimpleTestCase):
    def setUp(self):
        self.addCleanup(api.app.dependency_overrides.clear)

    def test_a_forgotten_override_uses_the_real_client_at_run_time(self):
        # Only the clock and the store are replaced: the receipt really posts.
        api.app.dependency_overrides = {
            api.get_clock: chapter_tests.FixedClock,
            api.get_invoices: chapter_tests.FakeInvoices,
        }
        with mock.patch("urllib.request.urlopen") as urlopen:
            response = TestClient(api.app).post("/invoices/2/pay", headers={"X-User-Id": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(urlopen.call_args.args[0].full_url, "https://receipts.internal/receipts")

    def test_a_missing_header_is_a_422_before_any_dependency_runs(self):
        store = mock.Mock()
        api.app.dependency_overrides = {api.get_invoices: lambda: store}
        response = TestClient(api.app).post("/invoices/2/pay")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["header", "x-user-id"])
        store.mark_paid.assert_not_called()

    def test_the_real_clock_is_aware_utc(self):
        self.assertEqual(api.get_clock().now().utcoffset().total_seconds(), 0)


class OrmInvoicesTests(TestCase):
    """The production store the route gets when nothing is overridden."""

    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.store = api.get_invoices()

    def test_marks_a_sent_invoice_paid_once(self):
        inv2 = self.invoices[1]
        self.assertEqual(self.store.mark_paid(inv2.pk, self.alice.pk), "INV-002")
        inv2.refresh_from_db()
        self.assertEqual(inv2.status, "paid")
        self.assertIsNone(self.store.mark_paid(inv2.pk, self.alice.pk))

    def test_refuses_drafts_and_other_owners_invoices(self):
        self.assertIsNone(self.store.mark_paid(self.invoices[2].pk, self.alice.pk))
        self.assertIsNone(self.store.mark_paid(self.invoices[3].pk, self.alice.pk))
