"""Tests swap URLconfs per test (override_settings(ROOT_URLCONF=...)); the default has no routes."""
urlpatterns = []
