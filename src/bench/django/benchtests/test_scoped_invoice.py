"""The Django twin of test/03-sql-first/scoped-invoice.test.ts: the same
rows (test/fixtures/03-sql-first.ts), the same 18 tests, the same
assertions. `npm run bench` times `manage.py test benchtests.test_scoped_invoice`
against vitest running that grader.

The TS grader records each statement's text and values; here
`connection.execute_wrapper` sees the same thing (SQL with %s placeholders,
and the parameters).
"""
import datetime
import json
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory, TestCase

from benchsite.views import scoped_invoice
from billing.models import Customer, Invoice

try:  # chapter 3's line items; the grader seeds them but never reads them
    from billing.models import LineItem
except ImportError:  # an older billing app: the assertions do not need them
    LineItem = None


class Recorder:
    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((sql, params))
        return execute(sql, params, many, context)


def malformed_test(raw):
    def test(self):
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            res = self.detail(raw)
        self.assertEqual(res.status_code, 400)
        self.assertEqual(json.loads(res.content), {"error": "invalid_id"})
        self.assertEqual(recorder.queries, [])
    return test


class ScopedInvoiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = User.objects.create(username="alice")
        cls.bob = User.objects.create(username="bob")
        cls.acme = Customer.objects.create(owner=cls.alice, name="Acme Corp")
        cls.globex = Customer.objects.create(owner=cls.bob, name="Globex")
        rows = [
            (cls.alice, cls.acme, "INV-001", "paid", 15000, datetime.date(2026, 1, 15)),
            (cls.alice, cls.acme, "INV-002", "sent", 8990, datetime.date(2026, 2, 1)),
            (cls.alice, cls.acme, "INV-003", "draft", 120000, datetime.date(2026, 3, 10)),
            (cls.bob, cls.globex, "GLX-001", "sent", 50000, datetime.date(2026, 2, 20)),
        ]
        cls.invoices = [
            Invoice.objects.create(owner=o, customer=c, number=n, status=s, total_cents=t, issued_on=d)
            for (o, c, n, s, t, d) in rows
        ]
        if LineItem is not None:
            first, second, _third, bobs = cls.invoices
            LineItem.objects.bulk_create([
                LineItem(invoice=first, description="Design", quantity=1, unit_price_cents=10000),
                LineItem(invoice=first, description="Hosting", quantity=2, unit_price_cents=2500),
                LineItem(invoice=second, description="Support hours", quantity=2, unit_price_cents=4495),
                LineItem(invoice=bobs, description="Consulting", quantity=1, unit_price_cents=50000),
            ])

    def detail(self, raw, user=None):
        request = RequestFactory().get("/invoices/" + quote(raw, safe=""))
        request.user = user or self.alice
        return scoped_invoice(request, raw)

    def recorded(self, raw, user=None):
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            self.detail(raw, user)
        return recorder.queries

    def test_returns_the_owners_invoice_with_its_customer_and_its_date_as_written(self):
        first = self.invoices[0]
        res = self.detail(str(first.id))
        self.assertEqual(res.status_code, 200)
        self.assertRegex(res["Content-Type"], r"^application/json\b")
        self.assertEqual(json.loads(res.content), {
            "id": first.id,
            "number": "INV-001",
            "status": "paid",
            "totalCents": 15000,
            "issuedOn": "2026-01-15",
            "customer": {"id": self.acme.id, "name": "Acme Corp"},
        })

    def test_reads_invoice_and_customer_with_one_parameterised_statement(self):
        second = self.invoices[1]
        queries = self.recorded(str(second.id))
        self.assertEqual(len(queries), 1)
        sql, params = queries[0]
        self.assertRegex(sql, r"(?i)\bjoin\b")
        self.assertGreaterEqual(sql.count("%s"), 2)
        self.assertIn(second.id, params)
        self.assertIn(self.alice.id, params)

    def test_returns_404_for_an_invoice_that_does_not_exist(self):
        res = self.detail("999")
        self.assertEqual(res.status_code, 404)
        self.assertEqual(json.loads(res.content), {"error": "not_found"})

    def test_returns_404_not_403_for_another_owners_invoice_byte_for_byte(self):
        other = self.detail(str(self.invoices[3].id))
        missing = self.detail("999")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(other.content, missing.content)

    def test_scopes_the_lookup_in_sql_the_owner_is_a_parameter(self):
        bobs = self.invoices[3]
        queries = self.recorded(str(bobs.id))
        self.assertEqual(len(queries), 1)
        self.assertIn(bobs.id, queries[0][1])
        self.assertIn(self.alice.id, queries[0][1])

    def test_lets_the_other_owner_read_their_own_invoice(self):
        res = self.detail(str(self.invoices[3].id), user=self.bob)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(json.loads(res.content)["customer"], {"id": self.globex.id, "name": "Globex"})

    def test_looks_up_bigint_ids_past_int4_up_to_the_largest_safe_integer(self):
        self.assertEqual(self.detail("2147483648").status_code, 404)
        self.assertEqual(self.detail("9007199254740991").status_code, 404)

    def test_never_pastes_values_into_the_sql_text(self):
        for sql, _params in self.recorded(str(self.invoices[2].id)):
            self.assertNotRegex(sql, r"=\s*'?(3|1)\b")


# The grader's it.each: one test per malformed id (10 tests, as in vitest).
MALFORMED = ["abc", "1.5", "-1", "0", "1e3", "12abc", " 1", "", "9007199254740992", "1' OR '1'='1"]
for index, raw in enumerate(MALFORMED):
    setattr(ScopedInvoiceTests, f"test_returns_400_without_querying_for_malformed_id_{index:02d}", malformed_test(raw))
