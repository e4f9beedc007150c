"""Loads test/fixtures/10-expenses.json: the one seed both sides share.

Django (on PostgreSQL) reads it here to record responses; the TypeScript grader's
fixture (test/fixtures/10-where-to-start.ts) turns the same file into
INSERTs for PGlite. Rows are created in file order and ids are left to the
database, so both sides number them identically (alice = 1, ...).
"""
import datetime
import json
import os
from decimal import Decimal

from django.contrib.auth.models import User

from expenses.models import Category, Expense

SEED_FILE = os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "10-expenses.json")
)


def load_seed_data():
    with open(SEED_FILE, encoding="utf-8") as f:
        return json.load(f)


def seed():
    data = load_seed_data()
    users = {name: User.objects.create_user(name) for name in data["users"]}
    categories = {}
    for c in data["categories"]:
        categories[(c["owner"], c["name"])] = Category.objects.create(owner=users[c["owner"]], name=c["name"])
    for e in data["expenses"]:
        category = categories[(e["owner"], e["category"])] if e["category"] is not None else None
        Expense.objects.create(
            owner=users[e["owner"]],
            category=category,
            description=e["description"],
            amount=Decimal(e["amount"]),
            status=e["status"],
            note=e["note"],
            spent_at=datetime.datetime.fromisoformat(e["spent_at"]),
        )
    return users
