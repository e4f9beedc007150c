#!/usr/bin/env python3
"""Records the capstone's Django responses for the TypeScript grader.

Run it with the project's virtualenv against a throwaway PostgreSQL:

    npm run record:capstone

(which starts the cluster, runs `.venv/bin/python scripts/record-capstone.py`
and stops it). It builds a fresh test database with Django's migrations,
loads test/fixtures/10-expenses.json, sends every request listed in
content/10-where-to-start/django/record.py through Django's test client and
writes test/10-where-to-start/recorded/expense-list.json. PostgreSQL, not
SQLite: `icontains`, collation and ordering are the database's, and the
TypeScript port answers from PostgreSQL. The Django test suite re-records in
memory and fails when the committed file is stale.
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
    name = connection.creation.create_test_db(verbosity=0)
    try:
        seed()
        entries = recording.record()
        version = connection.cursor().connection.info.server_version
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(recording.dumps(entries))
    print(
        f"recorded {len(entries)} responses from Django {django.get_version()} on PostgreSQL "
        f"{version // 10000}.{version % 10000} to {os.path.relpath(OUT, ROOT)}"
    )


if __name__ == "__main__":
    main()
