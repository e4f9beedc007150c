"""Chapter 4: Django 5.1's LoginRequiredMiddleware, answering an API
client with a JSON 401 instead of a redirect. Executed by
test/django/tests/test_04_login_required.py.
"""
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import JsonResponse
from django.urls import path


# region middleware
class ApiLoginRequiredMiddleware(LoginRequiredMiddleware):
    # The default redirects to LOGIN_URL; an API client wants a 401.
    def handle_no_permission(self, request, view_func):
        response = JsonResponse({"error": "unauthorized"}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response


MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "api.auth.ApiLoginRequiredMiddleware",  # needs request.user
]


@login_not_required
def health(request):
    return JsonResponse({"ok": True})


def me(request):  # no decorator: private by default
    return JsonResponse({"user_id": request.user.id})
# endregion


urlpatterns = [
    path("api/health/", health),
    path("api/me/", me),
]
