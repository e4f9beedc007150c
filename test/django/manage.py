#!/usr/bin/env python3
"""Runs the Django snippet checks with the project's virtualenv and a
throwaway PostgreSQL: `npm run django -- test` (any manage.py arguments
after `--`), which starts the cluster, runs
`.venv/bin/python test/django/manage.py ...` and stops it again.

The virtualenv comes from test/django/requirements.txt (Django 5.2 LTS,
psycopg 3); `sudo bash scripts/setup-system.sh` creates it.
"""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djcheck.settings")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
