"""The Django twin of test/01-shape-of-a-service/invoice-detail.test.ts:
the same rows (test/fixtures/billing.ts), the same 19 tests, the same
assertions. `npm run bench` times `manage.py test benchtests` against
vitest running that grader.

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

from benchsite.views import invoice_detail
from billing.models import Customer, Invoice


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


class InvoiceDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = User.objects.create(username="alice")
        cls.bob = User.objects.create(username="bob")
        acme = Customer.objects.create(owner=cls.alice, name="Acme Corp")
        globex = Customer.objects.create(owner=cls.bob, name="Globex")
        rows = [
            (cls.alice, acme, "INV-001", "paid", 15000, datetime.date(2026, 1, 15)),
            (cls.alice, acme, "INV-002", "sent", 8990, datetime.date(2026, 2, 1)),
            (cls.alice, acme, "INV-003", "draft", 120000, datetime.date(2026, 3, 10)),
            (cls.bob, globex, "GLX-001", "sent", 50000, datetime.date(2026, 2, 20)),
        ]
        cls.invoices = [
            Invoice.objects.create(owner=o, customer=c, number=n, status=s, total_cents=t, issued_on=d)
            for (o, c, n, s, t, d) in rows
        ]

    def detail(self, raw, user=None):
        request = RequestFactory().get("/invoices/" + quote(raw, safe=""))
        request.user = user or self.alice
        return invoice_detail(request, raw)

    def test_returns_the_owners_invoice_with_its_customer_as_json(self):
        first = self.invoices[0]
        res = self.detail(str(first.id))
        self.assertEqual(res.status_code, 200)
        self.assertRegex(res["Content-Type"], r"^application/json\b")
        self.assertEqual(json.loads(res.content), {
            "id": first.id,
            "number": "INV-001",
            "status": "paid",
            "totalCents": 15000,
            "customer": {"id": first.customer_id, "name": "Acme Corp"},
        })

    def test_fetches_invoice_and_customer_in_one_parameterised_query(self):
        second = self.invoices[1]
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            self.detail(str(second.id))
        self.assertEqual(len(recorder.queries), 1)
        sql, params = recorder.queries[0]
        self.assertIn("JOIN", sql)
        self.assertEqual(sql.count("%s"), 2)
        self.assertIn(second.id, params)
        self.assertIn(self.alice.id, params)

    def test_returns_404_for_an_invoice_that_does_not_exist(self):
        res = self.detail("999")
        self.assertEqual(res.status_code, 404)
        self.assertEqual(json.loads(res.content), {"error": "not_found"})

    def test_returns_404_not_403_for_another_owners_invoice_with_the_same_body(self):
        other = self.detail(str(self.invoices[3].id))
        missing = self.detail("999")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(other.content, missing.content)

    def test_lets_the_other_owner_read_their_own_invoice(self):
        res = self.detail(str(self.invoices[3].id), user=self.bob)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(json.loads(res.content)["number"], "GLX-001")

    def test_looks_up_bigint_ids_past_int4_up_to_the_largest_safe_integer(self):
        self.assertEqual(self.detail("2147483648").status_code, 404)
        self.assertEqual(self.detail("9007199254740991").status_code, 404)

    def test_treats_sql_in_the_id_as_malformed_and_leaves_the_table_intact(self):
        res = self.detail("1; DROP TABLE billing_invoice; --")
        self.assertEqual(res.status_code, 400)
        self.assertEqual(Invoice.objects.count(), 4)

    def test_never_pastes_values_into_the_sql_text(self):
        third = self.invoices[2]
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            self.detail(str(third.id))
        self.assertGreater(len(recorder.queries), 0)
        for sql, _params in recorder.queries:
            self.assertNotRegex(sql, r"=\s*'?%d\b" % third.id)
            self.assertNotRegex(sql, r"owner_id\"?\s*=\s*'?%d\b" % self.alice.id)


# The grader's it.each: one test per malformed id (11 tests, as in vitest).
MALFORMED = ["abc", "1.5", "-1", "0", "1e3", "0x10", "12abc", " 1", "", "9007199254740992", "99999999999999999999"]
for index, raw in enumerate(MALFORMED):
    setattr(InvoiceDetailTests, f"test_returns_400_without_querying_for_malformed_id_{index:02d}", malformed_test(raw))
