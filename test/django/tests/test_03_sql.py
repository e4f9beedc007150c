"""Chapter 3: runs the ORM code the chapter sets beside its .sql files,
with the query counts the chapter claims."""
import datetime

from django.test import RequestFactory, TestCase

from billing.models import Invoice, LineItem
from tests.fixtures import add_line_items, seed
from tests.snippets import load_snippet

views = load_snippet("03-sql-first/django/views.py")


class SqlFirstTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        add_line_items(self.invoices)

    def get_detail(self, pk, user):
        request = RequestFactory().get(f"/invoices/{pk}")
        request.user = user
        return views.invoice_detail(request, pk)

    def test_detail_is_one_query_with_select_related(self):
        with self.assertNumQueries(1):
            response = self.get_detail(self.invoices[0].pk, self.alice)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b'{"id": 1, "number": "INV-001", "totalCents": 15000, "customer": "Acme Corp"}')

    def test_detail_is_404_for_missing_and_for_someone_elses(self):
        other = self.get_detail(self.invoices[3].pk, self.alice)
        missing = self.get_detail(999, self.alice)
        self.assertEqual(other.status_code, 404)
        self.assertEqual(other.content, missing.content)

    def test_page_is_one_query_with_counts_and_totals(self):
        with self.assertNumQueries(1):
            page = views.invoice_page(self.alice)
        self.assertEqual(page, [
            {"number": "INV-003", "customer": "Acme Corp", "itemCount": 0, "itemsTotalCents": 0},
            {"number": "INV-002", "customer": "Acme Corp", "itemCount": 1, "itemsTotalCents": 8990},
            {"number": "INV-001", "customer": "Acme Corp", "itemCount": 2, "itemsTotalCents": 15000},
        ])

    def test_prefetch_related_is_two_queries_however_many_invoices(self):
        with self.assertNumQueries(2):
            items = views.invoices_with_items(self.alice)
        self.assertEqual(items, {"INV-001": ["Design", "Hosting"], "INV-002": ["Support hours"], "INV-003": []})

    def test_the_loop_without_prefetch_is_one_plus_n(self):
        with self.assertNumQueries(1 + 3):
            items = views.invoices_with_items_slowly(self.alice)
        self.assertEqual(items["INV-001"], ["Design", "Hosting"])

    def test_count_with_filter(self):
        with self.assertNumQueries(1):
            rows = views.open_invoices_per_customer(self.alice)
        self.assertEqual(rows, [{"name": "Acme Corp", "open": 1}])

    def test_create_is_atomic_and_maps_errors(self):
        acme = self.invoices[0].customer
        day = datetime.date(2026, 5, 1)
        status, body = views.create_invoice(self.alice, acme.pk, "INV-100", day, [("Design", 2, 12500)])
        self.assertEqual(status, 201)
        self.assertEqual(Invoice.objects.get(pk=body["id"]).total_cents, 25000)

        before = (Invoice.objects.count(), LineItem.objects.count())
        # A refused item (CHECK quantity > 0) rolls the invoice back too.
        self.assertEqual(views.create_invoice(self.alice, acme.pk, "INV-101", day, [("Ok", 1, 1), ("Bad", 0, 1)])[0], 409)
        # A duplicate number is an IntegrityError as well: the same 409.
        self.assertEqual(views.create_invoice(self.alice, acme.pk, "INV-001", day, [("Ok", 1, 1)])[0], 409)
        self.assertEqual(views.create_invoice(self.alice, 999, "INV-102", day, [("Ok", 1, 1)]), (422, {"error": "unknown_customer"}))
        self.assertEqual((Invoice.objects.count(), LineItem.objects.count()), before)
