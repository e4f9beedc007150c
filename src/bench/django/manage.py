#!/usr/bin/env python3
"""The bench's Django project: `.venv/bin/python src/bench/django/manage.py test benchtests`
(the project's virtualenv, from test/django/requirements.txt)."""
import os
import sys

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    # The billing app (models shared with the guide's snippet checks).
    sys.path.insert(1, os.path.join(here, "..", "..", "..", "test", "django"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
