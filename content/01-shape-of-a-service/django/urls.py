"""The URLconf for chapter 1's views.

Chapter folders are not Python packages, so this harness loads the views
module by path (see test/django/tests/snippets.py); in a project this
would be `from . import views`.
"""
from django.urls import path

from tests.snippets import load_snippet

views = load_snippet("01-shape-of-a-service/django/views.py")

# region urls
urlpatterns = [
    path("hello/", views.hello),
    path("me/", views.whoami),
    # <int:pk> matches [0-9]+, then calls int():
    # /customers/1e3/ is a 404 and no view runs.
    path(
        "customers/<int:pk>/",
        views.customer_detail,
    ),
]
# endregion
