"""Chapter 7: runs the views the chapter shows, and the Django tests the
chapter shows (content/07-dependency-injection/django/tests.py), which patch
the views' hidden inputs with override_settings and mock.patch."""
import datetime
import json
import sys
import types
from unittest import mock

from django.http import Http404
from django.test import RequestFactory, TestCase, override_settings

from tests.fixtures import seed
from tests.snippets import load_snippet

views = load_snippet("07-dependency-injection/django/views.py")

# The chapter's tests say `from invoices import views`: make that import work.
invoices = types.ModuleType("invoices")
invoices.views = views
sys.modules["invoices"] = invoices
sys.modules["invoices.views"] = views

chapter_tests = load_snippet("07-dependency-injection/django/tests.py")
OverdueTests = chapter_tests.OverdueTests
OverdueTimeMachineTests = chapter_tests.OverdueTimeMachineTests
MarkPaidTests = chapter_tests.MarkPaidTests

UTC = datetime.timezone.utc


@override_settings(INVOICE_DUE_DAYS=30)
class HiddenInputTests(TestCase):
    """Claims the chapter makes about views.py beyond the shown tests."""

    def setUp(self):
        self.alice, self.bob, self.invoices = seed()

    def request(self, method, user):
        request = getattr(RequestFactory(), method)("/")
        request.user = user
        return request

    def test_overdue_uses_the_real_clock_when_nothing_is_patched(self):
        body = json.loads(views.overdue(self.request("get", self.alice)).content)
        self.assertEqual(body["asOf"], datetime.datetime.now(UTC).date().isoformat())

    def test_overdue_is_scoped_to_the_user_and_needs_one_query(self):
        with mock.patch("django.utils.timezone.now") as now:
            now.return_value = datetime.datetime(2026, 3, 23, tzinfo=UTC)
            with self.assertNumQueries(1):
                body = json.loads(views.overdue(self.request("get", self.bob)).content)
        self.assertEqual(body["invoices"], [{"id": self.invoices[3].pk, "number": "GLX-001"}])

    def test_mark_paid_is_404_for_another_owners_invoice(self):
        with mock.patch.object(views, "receipts") as receipts:
            with self.assertRaises(Http404):
                views.mark_paid(self.request("post", self.alice), pk=self.invoices[3].pk)
        receipts.send.assert_not_called()

    def test_mark_paid_refuses_get(self):
        response = views.mark_paid(self.request("get", self.alice), pk=self.invoices[1].pk)
        self.assertEqual(response.status_code, 405)

    def test_unpatched_client_would_really_post(self):
        with mock.patch("urllib.request.urlopen") as urlopen:
            views.mark_paid(self.request("post", self.alice), pk=self.invoices[1].pk)
        sent = urlopen.call_args.args[0]
        self.assertEqual(sent.full_url, "https://receipts.internal/receipts")
        self.assertEqual(sent.data, b'{"number": "INV-002"}')
