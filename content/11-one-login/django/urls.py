"""Chapter 11's URLconf.

Chapter folders are not Python packages, so this harness loads the views
module by path (see test/django/tests/snippets.py); in a project this
would be `from . import views`.
"""
from django.urls import path

from tests.snippets import load_snippet

views = load_snippet("11-one-login/django/views.py")

# region urlconf
urlpatterns = [
    path("api/csrf/", views.csrf),
    path("api/login/", views.login_view),
    path("api/me/", views.me),
    path("api/remember/", views.remember),
    path("api/password/", views.change_password),
    path("api/logout/", views.logout_view),
]
# endregion
