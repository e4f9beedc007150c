"""Bench-only settings: lean (no sessions, no CSRF), DEBUG off, and a
database chosen by BENCH_DB: sqlite (in memory, for the test loop) or
postgres (the server the bench starts on 127.0.0.1)."""
import os

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
USE_TZ = True
TIME_ZONE = "UTC"
ROOT_URLCONF = "benchsite.urls"
# What startproject writes, and what the guide's project uses (bigint ids).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
WSGI_APPLICATION = "benchsite.wsgi.application"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "billing",
]
# Bench-only: X-User-Id is trusted as the signed-in user (see middleware.py).
MIDDLEWARE = ["benchsite.middleware.BenchUserMiddleware"]
TEMPLATES = []
# The test database is built straight from the models (syncdb), as for the
# billing app, which has no migrations: with auth migrated and billing not,
# PostgreSQL would create billing's foreign keys before auth_user exists.
# This is also the fastest test set-up Django offers.
MIGRATION_MODULES = {"auth": None, "contenttypes": None}

if os.environ.get("BENCH_DB", "sqlite") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("BENCH_PG_NAME", "bench"),
            "USER": os.environ.get("BENCH_PG_USER", "postgres"),
            "HOST": os.environ.get("BENCH_PG_HOST", "127.0.0.1"),
            "PORT": os.environ.get("BENCH_PG_PORT", "5432"),
            # Persistent connections, as a production deployment would set.
            # Django's default (0) opens a connection per request.
            "CONN_MAX_AGE": int(os.environ.get("BENCH_CONN_MAX_AGE", "60")),
        }
    }
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
