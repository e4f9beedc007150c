"""Chapter 8: runs the Django habits the chapter shows: a view built from
the framework's batteries, a service that signals failure by raising,
and a shell session."""
import contextlib
import io
import sys

from django.test import TestCase, override_settings
from django.urls import path

from billing.models import Invoice
from tests.fixtures import seed
from tests.snippets import load_snippet

views = load_snippet("08-habits-to-unlearn/django/views.py")
shell = load_snippet("08-habits-to-unlearn/django/shell.py")

urls = type(sys)("chapter08_urls")
urls.urlpatterns = [
    path("api/invoices/", views.invoice_list),
    path("api/invoices/<int:pk>/pay/", views.pay),
]
sys.modules["chapter08_urls"] = urls


@override_settings(ROOT_URLCONF="chapter08_urls")
class BatteriesTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()

    def test_lists_the_callers_invoices_in_one_query(self):
        self.client.force_login(self.alice)
        with self.assertNumQueries(3):  # session, user, invoices
            response = self.client.get("/api/invoices/")
        self.assertEqual(response.status_code, 200)
        numbers = [i["number"] for i in response.json()["invoices"]]
        self.assertEqual(numbers, ["INV-001", "INV-002", "INV-003"])

    def test_filters_by_status_with_a_form(self):
        self.client.force_login(self.alice)
        response = self.client.get("/api/invoices/", {"status": "sent"})
        self.assertEqual(
            response.json(),
            {"invoices": [{"id": self.invoices[1].pk, "number": "INV-002",
                           "status": "sent", "total_cents": 8990}]},
        )

    def test_unknown_status_is_a_422_naming_the_field(self):
        self.client.force_login(self.alice)
        response = self.client.get("/api/invoices/", {"status": "bogus"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(list(response.json()["errors"]), ["status"])

    def test_unknown_parameters_are_ignored_by_the_form(self):
        self.client.force_login(self.alice)
        response = self.client.get("/api/invoices/", {"owner": self.bob.pk})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()["invoices"]), 3)

    def test_login_required_redirects_an_api_client_to_a_login_page(self):
        response = self.client.get("/api/invoices/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))


@override_settings(ROOT_URLCONF="chapter08_urls")
class ExceptionTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.client.force_login(self.alice)

    def test_pays_then_conflicts(self):
        url = f"/api/invoices/{self.invoices[1].pk}/pay/"
        first = self.client.post(url)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.json()["status"], "paid")
        self.assertEqual(self.client.post(url).status_code, 409)

    def test_another_owners_invoice_is_a_404(self):
        response = self.client.post(f"/api/invoices/{self.invoices[3].pk}/pay/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Invoice.objects.get(pk=self.invoices[3].pk).status, "sent")

    def test_mark_paids_signature_hides_two_exceptions(self):
        with self.assertRaises(Invoice.DoesNotExist):
            views.mark_paid(self.alice, self.invoices[3].pk)
        with self.assertRaises(views.AlreadyPaid):
            views.mark_paid(self.alice, self.invoices[0].pk)


class ShellSessionTests(TestCase):
    def test_the_session_prints_the_overdue_invoices(self):
        seed()
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            shell.session()
        self.assertEqual(out.getvalue().strip(), "['INV-002']")
