"""Chapter 9: runs the admin registration and the forecast view the
chapter shows."""
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

    def test_one_month_of_history_is_a_422(self):
        globex = Customer.objects.get(name="Globex")
        response = views.forecast(self.factory.get("/"), globex.pk)
        self.assertEqual(response.status_code, 422)
        self.assertJSONEqual(response.content, {"error": "not_enough_history"})
