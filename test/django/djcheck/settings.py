"""A minimal Django 5.2 project that executes the guide's Django snippets.

The snippets (content/<chapter>/django/*.py) are real views, URLconfs and
middleware; tests in tests/ load and run them against this project on
PostgreSQL, the database the TypeScript side reads, so a typo in a field
name, an API the pinned Django (test/django/requirements.txt) lacks or SQL
that only SQLite accepts fails the suite.

The database is a throwaway cluster that the caller starts and stops
(src/lib-dev/postgres.ts): `npm run verify -- django`, or
`npm run django -- test tests.test_03_sql` for one module. It is reached
over a unix socket whose directory and port come from the environment.
"""
import os

from django.core.exceptions import ImproperlyConfigured

SECRET_KEY = "snippet-checks-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
TIME_ZONE = "UTC"
ROOT_URLCONF = "djcheck.urls"
# What `startproject` has written since Django 3.2: ids are bigint, which
# node-postgres hands to the TypeScript side as strings unless told
# otherwise (the workbook's pools convert them: src/lib/db.ts).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "billing",
    "expenses",
    # Chapter 9: db_default and background tasks. django.tasks is built in
    # from Django 6.0; on 5.2 it is the django-tasks backport.
    "django_tasks",
    "jobs",
    "handover",  # chapter 12: migrations chosen per test (handover/apps.py)
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]


def _from_environment(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: this project runs on a throwaway PostgreSQL that "
            "`npm run django -- <manage.py arguments>` starts (and `npm run verify -- django`)"
        )
    return value


# psycopg 3 (the lock file installs psycopg[binary]); HOST is the socket's
# directory, so nothing listens on TCP. The cluster's `postgres` role is a
# superuser: the test runner may create and drop test_djcheck.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "djcheck",
        "USER": os.environ.get("DJTS_PGUSER", "postgres"),
        "HOST": _from_environment("DJTS_PGHOST"),
        "PORT": _from_environment("DJTS_PGPORT"),
    }
}
TEMPLATES = []
# Django 5.2's default PBKDF2 runs 1,000,000 iterations per password: about a
# third of a second on each create_user() in a fixture. Django's docs
# ("Speeding up the tests") use a fast hasher in test settings; no snippet
# checks how a password is stored.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
