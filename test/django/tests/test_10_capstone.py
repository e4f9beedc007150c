"""Chapter 10: the capstone's Django endpoint and its recording.

The TypeScript grader replays test/10-where-to-start/recorded/expense-list.json.
These tests make sure that file is exactly what the Django view answers
today on PostgreSQL. The grader's schema is generated from Django's
migrations (test/fixtures/schema/expenses.schema.sql) and checked by
`manage.py workbook_schema --check`, a step of verify's django stage.
"""
import datetime
import json
import os
import sys
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory, TestCase, override_settings

from expenses import seed as expense_seed
from expenses.models import Category, Expense
from expenses.seed import load_seed_data
from tests.fixtures import restart_ids
from tests.snippets import load_snippet

views = load_snippet("10-where-to-start/django/views.py")
urls = load_snippet("10-where-to-start/django/urls.py")
recording = load_snippet("10-where-to-start/django/record.py")
sys.modules["chapter10_urls"] = urls

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
RECORDED = os.path.join(ROOT, "test", "10-where-to-start", "recorded", "expense-list.json")


def seed():
    """The capstone's rows with ids from 1, as in the fresh database the
    recording and the TypeScript grader start from (see restart_ids)."""
    restart_ids(User, Category, Expense)
    return expense_seed.seed()


class RecordingIsCurrent(TestCase):
    def test_the_committed_recording_is_what_django_answers_now(self):
        seed()
        fresh = recording.dumps(recording.record())
        with open(RECORDED, encoding="utf-8") as f:
            committed = f.read()
        self.assertEqual(
            committed, fresh,
            "stale recording: run `npm run record:capstone`",
        )

    def test_seed_ids_follow_file_order(self):
        users = seed()
        data = load_seed_data()
        self.assertEqual([u.id for u in users.values()], list(range(1, len(data["users"]) + 1)))
        self.assertEqual(
            list(Expense.objects.order_by("id").values_list("description", flat=True)),
            [e["description"] for e in data["expenses"]],
        )


@override_settings(ROOT_URLCONF="chapter10_urls")
class ExpenseListView(TestCase):
    def setUp(self):
        self.users = seed()
        self.factory = RequestFactory()

    def call(self, query, user="alice"):
        request = self.factory.get("/api/expenses/" + query)
        request.user = self.users[user]
        return views.expense_list(request)

    def test_two_queries_whatever_the_page_size(self):
        for per_page in ("1", "5", "100"):
            with self.assertNumQueries(2):  # COUNT, then one JOINed page
                response = self.call("?per_page=" + per_page)
            self.assertEqual(response.status_code, 200)

    def test_money_and_datetimes_as_django_json_encoder_writes_them(self):
        body = json.loads(self.call("?per_page=100").content)
        by_id = {r["id"]: r for r in body["results"]}
        self.assertEqual(by_id[3]["amount"], "12.00")
        self.assertEqual(by_id[3]["spent_at"], "2026-01-07T09:00:00.000Z")  # 500 µs
        self.assertEqual(by_id[2]["spent_at"], "2026-01-06T12:30:00Z")  # no fraction
        self.assertEqual(by_id[4]["spent_at"], "2026-01-08T22:45:10.999Z")  # truncated
        self.assertEqual(by_id[5]["spent_at"], "2026-01-08T23:30:00.250Z")  # +02:00 → UTC
        self.assertIsNone(by_id[4]["category"])

    def test_owner_scope(self):
        body = json.loads(self.call("", user="bob").content)
        self.assertEqual([r["id"] for r in body["results"]], [26, 25, 24])

    def test_the_url_conf_routes_and_rejects_post(self):
        self.client.force_login(self.users["alice"])
        self.assertEqual(self.client.get("/api/expenses/?per_page=1").status_code, 200)
        response = self.client.post("/api/expenses/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET")


class DjangoJSONEncoderFacts(TestCase):
    """The formatting rules the TypeScript port has to reproduce."""

    def encode(self, value):
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))

    def test_datetimes(self):
        utc = datetime.timezone.utc
        self.assertEqual(self.encode(datetime.datetime(2026, 1, 1, 9, 0, 0, 123999, utc)), "2026-01-01T09:00:00.123Z")
        self.assertEqual(self.encode(datetime.datetime(2026, 1, 1, 9, 0, 0, 0, utc)), "2026-01-01T09:00:00Z")
        self.assertEqual(self.encode(datetime.datetime(2026, 1, 1, 9, 0, 0, 999, utc)), "2026-01-01T09:00:00.000Z")

    def test_decimals(self):
        self.assertEqual(self.encode(Decimal("12.50")), "12.50")
        self.assertEqual(self.encode(Decimal("-35.00")), "-35.00")

