from django.apps import AppConfig


class HandoverConfig(AppConfig):
    """Chapter 12: a small app whose migrations the tests choose per test.

    It has no `migrations` package of its own, so the test database starts
    without its table; each test points MIGRATION_MODULES at one of the
    packages beside this file (the chapter's three ways to rename a column)
    and runs `migrate` for real, forwards and backwards.
    """

    name = "handover"
    default_auto_field = "django.db.models.BigAutoField"
