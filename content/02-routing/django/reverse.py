"""Chapter 2: named URLs and reverse(), what Django gives instead of
building a URL by hand. The guide's tests show that a wrong name or a
missing argument fails only when reverse() runs.
"""
from django.urls import path, reverse

from tests.snippets import load_snippet

views = load_snippet("02-routing/django/views.py")

# region reverse
urlpatterns = [
    path("api/invoices/<int:pk>/", views.invoice_detail,
         name="invoice-detail"),
]


def invoice_url(pk):
    return reverse("invoice-detail", args=[pk])


def typos():
    # Each line raises NoReverseMatch, but only when it runs:
    # importing this module and manage.py check both pass.
    reverse("invoice-detial", args=[7])
    reverse("invoice-detail")
# endregion
