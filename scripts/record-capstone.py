#!/usr/bin/python3
"""Records the capstone's Django responses for the TypeScript grader.

Run with Debian's python3-django (Django 3.2), not a virtualenv python:

    /usr/bin/python3 scripts/record-capstone.py

It builds a fresh in-memory SQLite database with Django's migrations,
loads test/fixtures/10-expenses.json, sends every request listed in
test/django/expenses/recording.py through Django's test client and writes
test/10-where-to-start/recorded/expense-list.json. The Django test suite
re-records in memory and fails when the committed file is stale.
"""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "test", "django"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djcheck.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from expenses.seed import seed  # noqa: E402
from tests.snippets import load_snippet  # noqa: E402

recording = load_snippet("10-where-to-start/django/record.py")

OUT = os.path.join(ROOT, "test", "10-where-to-start", "recorded", "expense-list.json")


def main():
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    seed()
    entries = recording.record()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(recording.dumps(entries))
    print(f"recorded {len(entries)} responses from Django {django.get_version()} to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
