"""Chapter 1: since Django 5.1, login can be the default for every view.
Executed by test/django/tests/test_01_login_required.py.
"""
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import path


# region login-required
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django 5.1+: every view needs a signed-in user unless it opts out.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]


@login_not_required
def hello(request):
    return JsonResponse({"greeting": "Hello"})


def whoami(request):  # no @login_required, and still protected
    user = request.user
    return JsonResponse({"id": user.id, "username": user.username})
# endregion


urlpatterns = [
    path("hello/", hello),
    path("me/", whoami),
]
