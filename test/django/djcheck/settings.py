"""A minimal Django project that executes the guide's Django snippets.

The snippets (content/<chapter>/django/*.py) are real views, URLconfs and
middleware; tests in tests/ load and run them against this project, so a
typo in a field name or an API newer than Django 3.2 fails the suite.
"""
SECRET_KEY = "snippet-checks-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
TIME_ZONE = "UTC"
ROOT_URLCONF = "djcheck.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "billing",
    "expenses",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
TEMPLATES = []
