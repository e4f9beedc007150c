"""Chapter 8: runs the Django habits the chapter shows: a view built from
the framework's batteries, a service that signals failure by raising,
and a shell session; and shows that the idiomatic Django versions of
"pay an invoice" do not pay it twice when two requests race."""
import contextlib
import io
import sys
import threading
import time
import unittest

from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase, override_settings
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

    def test_a_repeated_parameter_gives_the_form_its_last_value(self):
        self.client.force_login(self.alice)
        response = self.client.get("/api/invoices/?status=draft&status=paid")
        self.assertEqual(response.status_code, 200)
        numbers = [i["number"] for i in response.json()["invoices"]]
        self.assertEqual(numbers, ["INV-001"])

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


class ConditionalUpdateTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()

    def test_the_update_decides_even_after_a_stale_read(self):
        pk = self.invoices[1].pk
        seen = Invoice.objects.get(pk=pk)  # request A reads "sent"...
        self.assertTrue(views.pay_if_unpaid(self.alice, pk))  # ...request B pays
        self.assertEqual(seen.status, "sent")
        # A acts on what it read, but the UPDATE checks the row as it is now.
        self.assertFalse(views.pay_if_unpaid(self.alice, pk))
        self.assertEqual(Invoice.objects.get(pk=pk).status, "paid")

    def test_another_owners_invoice_is_not_updated(self):
        pk = self.invoices[3].pk
        self.assertFalse(views.pay_if_unpaid(self.alice, pk))
        self.assertEqual(Invoice.objects.get(pk=pk).status, "sent")


@unittest.skipUnless(connection.vendor == "postgresql", "two connections and pg_stat_activity: PostgreSQL only")
class RaceTests(TransactionTestCase):
    """Two requests at once, each on its own connection: request A has
    paid and not yet committed when request B starts. Deterministic: B
    must wait for A's row lock, so the test does not depend on timing. A
    read-check-save without select_for_update() would let B read the
    committed "sent" and pay again."""

    def setUp(self):
        self.alice, self.bob, self.invoices = seed()

    def race(self, pay):
        pk = self.invoices[1].pk
        a_paid, a_may_commit = threading.Event(), threading.Event()
        results = {}

        def request_a():
            try:
                with transaction.atomic():
                    results["a"] = pay(self.alice, pk)
                    a_paid.set()
                    a_may_commit.wait(10)
            finally:
                connection.close()

        def request_b():
            try:
                results["b"] = pay(self.alice, pk)
            except views.AlreadyPaid as error:
                results["b"] = error
            finally:
                connection.close()

        a = threading.Thread(target=request_a)
        a.start()
        self.assertTrue(a_paid.wait(10))
        b = threading.Thread(target=request_b)
        b.start()
        self.wait_until_a_query_waits_for_a_lock()
        self.assertTrue(b.is_alive(), "B must wait for A's lock on the row")
        a_may_commit.set()
        a.join(10)
        b.join(10)
        return results

    def wait_until_a_query_waits_for_a_lock(self):
        """B has reached the row A holds (its SELECT … FOR UPDATE, or the
        UPDATE of a version without it), whatever the machine's load."""
        for _ in range(200):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0] == 1:
                    return
            time.sleep(0.05)
        self.fail("request B never waited for a lock")

    def test_mark_paid_locks_the_row_so_the_second_request_sees_paid(self):
        results = self.race(views.mark_paid)
        self.assertEqual(results["a"].status, "paid")
        self.assertIsInstance(results["b"], views.AlreadyPaid)

    def test_the_conditional_update_lets_exactly_one_request_change_the_row(self):
        self.assertEqual(self.race(views.pay_if_unpaid), {"a": True, "b": False})


class ShellSessionTests(TestCase):
    def test_the_session_prints_the_overdue_invoices(self):
        seed()
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            shell.session()
        self.assertEqual(out.getvalue().strip(), "['INV-002']")
