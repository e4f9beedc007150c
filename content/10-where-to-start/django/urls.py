"""The capstone's URLconf.

Chapter folders are not Python packages, so this harness loads the views
module by path (see test/django/tests/snippets.py); in a project this
would be `from . import views`.
"""
from django.urls import path

from tests.snippets import load_snippet

views = load_snippet("10-where-to-start/django/views.py")

# region urlconf
urlpatterns = [
    path("api/expenses/", views.expense_list),
]
# endregion
