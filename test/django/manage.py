#!/usr/bin/python3
"""Runs the Django snippet checks: `/usr/bin/python3 test/django/manage.py test`.

Debian's /usr/bin/python3 is the interpreter that sees python3-django; a
pyenv or venv `python3` earlier on PATH usually does not.
"""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djcheck.settings")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
