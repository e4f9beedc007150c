"""Chapter 2's URLconf: converters and include().

Chapter folders are not Python packages, so this harness loads the views
module by path (see test/django/tests/snippets.py); in a project this
would be `from . import views`.
"""
from django.urls import include, path

from tests.snippets import load_snippet

views = load_snippet("02-routing/django/views.py")

# region urlconf
invoice_patterns = [
    path("invoices/", views.invoice_list),
    path("invoices/<int:pk>/", views.invoice_detail),
]

urlpatterns = [
    path("api/", include(invoice_patterns)),
]
# endregion
