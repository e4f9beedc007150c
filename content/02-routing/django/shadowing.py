"""Route order in a URLconf: the first pattern that matches wins.

Two URLconfs in one file so the test can run both: `urlpatterns` has
the bug, `fixed_urlpatterns` the fix.
"""
from django.urls import path

from tests.snippets import load_snippet

views = load_snippet("02-routing/django/views.py")

# region order
urlpatterns = [
    path("invoices/<slug:number>/", views.invoice_by_number),
    # never reached: the slug above matches "new"
    path("invoices/new/", views.new_invoice_form),
]

fixed_urlpatterns = [
    path("invoices/new/", views.new_invoice_form),
    path("invoices/<slug:number>/", views.invoice_by_number),
]
# endregion
