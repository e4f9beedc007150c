"""Chapter 10: the capstone's Django endpoint, its recording and its schema.

The TypeScript grader replays test/10-where-to-start/recorded/expense-list.json.
These tests make sure that file is exactly what the Django view answers
today on PostgreSQL, and that the grader's Postgres schema
(test/fixtures/10-expenses.schema.sql) is the one Django's migrations create.
"""
import datetime
import json
import os
import sys
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
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
SCHEMA = os.path.join(ROOT, "test", "fixtures", "10-expenses.schema.sql")


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


# Each column as PostgreSQL reports it: exact type (format_type), NOT NULL and
# default expression; and each foreign key with what it references, whether
# it is deferred and its ON DELETE action ('a' = NO ACTION: Django emulates
# on_delete in Python).
COLUMNS = """
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
           pg_get_expr(d.adbin, d.adrelid), a.attidentity
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
"""
FOREIGN_KEYS = """
    SELECT c.relname, a.attname, rc.relname, ra.attname, k.condeferrable, k.condeferred, k.confdeltype
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
    JOIN pg_class rc ON rc.oid = k.confrelid
    JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
    WHERE k.contype = 'f' AND c.relnamespace = %s::regnamespace
"""


class SchemaMatchesTheTypeScriptFixture(TestCase):
    """Loads the grader's schema file into a schema of its own, beside the
    tables Django's migrations created in the test database, and compares
    what PostgreSQL says about both. The file's auth_user may be cut down to
    the columns the port needs; the expenses tables must be identical. The
    TestCase's rollback removes the loaded schema again."""

    def setUp(self):
        with open(SCHEMA, encoding="utf-8") as f:
            sql = f.read()
        with connection.cursor() as cursor:
            cursor.execute("CREATE SCHEMA fixture")
            cursor.execute("SET LOCAL search_path TO fixture")
            cursor.execute(sql)
            cursor.execute("SET LOCAL search_path TO public")

    def columns(self, namespace):
        with connection.cursor() as cursor:
            cursor.execute(COLUMNS, [namespace])
            tables = {}
            for table, name, kind, not_null, default, identity in cursor.fetchall():
                # serial and identity columns are both "generated ids": compare how, not the sequence's name.
                generated = "identity" if identity else "sequence" if default and default.startswith("nextval(") else None
                tables.setdefault(table, {})[name] = (kind, not_null, None if generated else default, generated)
            return tables

    def foreign_keys(self, namespace):
        with connection.cursor() as cursor:
            cursor.execute(FOREIGN_KEYS, [namespace])
            return {(t, col): (rt, rcol, deferrable, deferred, on_delete) for t, col, rt, rcol, deferrable, deferred, on_delete in cursor.fetchall()}

    def test_the_expenses_tables_are_the_ones_djangos_migrations_create(self):
        fixture, django = self.columns("fixture"), self.columns("public")
        for table in ("expenses_category", "expenses_expense"):
            self.assertEqual(fixture[table], django[table], table)

    def test_auth_user_columns_are_djangos(self):
        fixture, django = self.columns("fixture")["auth_user"], self.columns("public")["auth_user"]
        for name, described in fixture.items():
            self.assertEqual(described, django.get(name), f"auth_user.{name}")

    def test_foreign_keys_are_djangos_deferred_without_on_delete(self):
        fixture, django = self.foreign_keys("fixture"), self.foreign_keys("public")
        for table in ("expenses_category", "expenses_expense"):
            self.assertEqual(
                {k: v for k, v in fixture.items() if k[0] == table},
                {k: v for k, v in django.items() if k[0] == table},
                table,
            )
