from tests.snippets import load_snippet

Migration = load_snippet("12-schema-handover/django/backfill.py").Migration
