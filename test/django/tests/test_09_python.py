"""Chapter 9: runs the admin registration and the forecast view the
chapter shows."""
import datetime

from django.contrib import admin
from django.test import RequestFactory, TestCase, modify_settings

from billing.models import Customer, Invoice
from tests.fixtures import seed
from tests.snippets import load_snippet

# The check project does not install the admin app; `admin.site` needs it
# the first time it is touched, which is the snippet's @admin.register.
with modify_settings(INSTALLED_APPS={"append": "django.contrib.admin"}):
    admin_snippet = load_snippet("09-what-python-does-better/django/admin.py")
views = load_snippet("09-what-python-does-better/django/views.py")


class AdminTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.model_admin = admin.site._registry[Invoice]
        self.factory = RequestFactory()

    def request_as(self, user):
        request = self.factory.get("/admin/billing/invoice/")
        request.user = user
        return request

    def test_registration_passes_the_admin_checks(self):
        self.assertIsInstance(self.model_admin, admin_snippet.InvoiceAdmin)
        self.assertEqual(self.model_admin.check(), [])

    def test_a_field_typo_is_caught_by_the_checks(self):
        class Typo(admin_snippet.InvoiceAdmin):
            list_display = ["numbr"]

        errors = Typo(Invoice, admin.AdminSite()).check()
        self.assertEqual([e.id for e in errors], ["admin.E108"])

    def test_staff_see_only_their_own_invoices_superusers_see_all(self):
        self.assertEqual(self.model_admin.get_queryset(self.request_as(self.alice)).count(), 3)
        self.bob.is_superuser = True
        self.assertEqual(self.model_admin.get_queryset(self.request_as(self.bob)).count(), 4)

    def test_staff_pick_only_their_own_customers_superusers_any(self):
        # Without formfield_for_foreignkey the select lists every owner's customers.
        alice_form = self.model_admin.get_form(self.request_as(self.alice))
        self.assertEqual([c.name for c in alice_form.base_fields["customer"].queryset], ["Acme Corp"])
        self.bob.is_superuser = True
        bob_form = self.model_admin.get_form(self.request_as(self.bob))
        self.assertEqual(sorted(c.name for c in bob_form.base_fields["customer"].queryset), ["Acme Corp", "Globex"])

    def test_owner_is_not_a_form_field_and_follows_the_customer(self):
        request = self.request_as(self.alice)
        form_class = self.model_admin.get_form(request)
        self.assertNotIn("owner", form_class.base_fields)
        self.assertIn("owner", self.model_admin.get_readonly_fields(request))
        data = {"number": "INV-004", "status": "draft", "currency": "EUR", "total_cents": 100, "issued_on": "2026-04-01"}
        globex = Customer.objects.get(name="Globex")
        posted = form_class(data={**data, "customer": globex.pk, "owner": self.bob.pk})
        self.assertFalse(posted.is_valid())
        self.assertIn("customer", posted.errors)
        acme = Customer.objects.get(name="Acme Corp")
        form = form_class(data={**data, "customer": acme.pk, "owner": self.bob.pk})
        self.assertTrue(form.is_valid(), form.errors)
        invoice = form.save(commit=False)
        self.model_admin.save_model(request, invoice, form, change=False)
        self.assertEqual(Invoice.objects.get(number="INV-004").owner, self.alice)

    def test_the_history_records_which_fields_changed_not_their_values(self):
        # What the admin stores in LogEntry.change_message for an edit.
        request = self.request_as(self.alice)
        invoice = self.invoices[1]
        form_class = self.model_admin.get_form(request, invoice)
        form = form_class(
            data={"number": invoice.number, "customer": invoice.customer_id, "status": "paid",
                  "currency": invoice.currency, "memo": invoice.memo,
                  "total_cents": invoice.total_cents, "issued_on": invoice.issued_on.isoformat()},
            instance=invoice,
        )
        self.assertTrue(form.is_valid(), form.errors)
        message = self.model_admin.construct_change_message(request, form, None)
        self.assertEqual(message, [{"changed": {"fields": ["Status"]}}])
        self.assertNotIn("paid", str(message))
        self.assertNotIn("sent", str(message))

    def test_search_covers_the_customer_name(self):
        request = self.request_as(self.alice)
        queryset = self.model_admin.get_queryset(request)
        found, _ = self.model_admin.get_search_results(request, queryset, "acme")
        self.assertEqual(sorted(i.number for i in found), ["INV-001", "INV-002", "INV-003"])


class ForecastTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.factory = RequestFactory()

    def test_predicts_next_month_from_the_monthly_totals(self):
        acme = Customer.objects.get(name="Acme Corp")
        with self.assertNumQueries(1):
            response = views.forecast(self.factory.get("/"), acme.pk)
        self.assertEqual(response.status_code, 200)
        # The same body test/snippets/09-what-python-does-better.test.ts parses.
        self.assertJSONEqual(response.content, {"customer_id": acme.pk, "months": 3, "next_month_cents": 152997})

    def test_a_month_without_invoices_counts_as_zero(self):
        # Jan 10000, no Feb, Mar 30000: the trend is 0, 10000 a month... not 20000.
        bob_corp = Customer.objects.create(owner=self.bob, name="Gap Ltd")
        for number, cents, day in [("G-1", 10000, datetime.date(2026, 1, 5)), ("G-2", 30000, datetime.date(2026, 3, 5))]:
            Invoice.objects.create(owner=self.bob, customer=bob_corp, number=number, status="sent",
                                   total_cents=cents, issued_on=day)
        response = views.forecast(self.factory.get("/"), bob_corp.pk)
        self.assertJSONEqual(response.content, {"customer_id": bob_corp.pk, "months": 3, "next_month_cents": 33333})

    def test_months_include_the_gaps_and_cross_a_year_end(self):
        got = list(views.months(datetime.date(2025, 11, 1), datetime.date(2026, 2, 1)))
        self.assertEqual(got, [datetime.date(2025, 11, 1), datetime.date(2025, 12, 1),
                               datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)])

    def test_no_invoices_at_all_is_a_422(self):
        empty = Customer.objects.create(owner=self.bob, name="New Co")
        self.assertEqual(views.forecast(self.factory.get("/"), empty.pk).status_code, 422)

    def test_one_month_of_history_is_a_422(self):
        globex = Customer.objects.get(name="Globex")
        response = views.forecast(self.factory.get("/"), globex.pk)
        self.assertEqual(response.status_code, 422)
        self.assertJSONEqual(response.content, {"error": "not_enough_history"})
