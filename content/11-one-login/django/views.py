"""Chapter 11: login, the current user and a CSRF-protected write, in Django."""
import json

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST


# region csrf
@require_GET
@ensure_csrf_cookie
def csrf(request):
    # The cookie holds the secret; the page (or a SPA) sends back a masked
    # token, different on every call, in the X-CSRFToken header.
    return JsonResponse({"csrfToken": get_token(request)})
# endregion


# region login
@require_POST
def login_view(request):
    data = json.loads(request.body)
    user = authenticate(request, username=data.get("username"), password=data.get("password"))
    if user is None:
        return JsonResponse({"error": "invalid_credentials"}, status=400)
    login(request, user)  # new session key, _auth_user_id/_backend/_hash
    return JsonResponse({"id": user.id, "username": user.username})
# endregion


# region me
def me(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not_authenticated"}, status=401)
    return JsonResponse({"id": request.user.id, "username": request.user.username})
# endregion


@require_POST
def remember(request):
    """Keeps a little state in the session: recently viewed items."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not_authenticated"}, status=401)
    recent = json.loads(request.body).get("recent", [])
    request.session["recent"] = recent[:50]
    return JsonResponse({"remembered": len(request.session["recent"])})


# region password
@require_POST
def change_password(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not_authenticated"}, status=401)
    data = json.loads(request.body)
    if not request.user.check_password(data.get("old", "")):
        return JsonResponse({"error": "invalid_credentials"}, status=400)
    request.user.set_password(data["new"])
    request.user.save(update_fields=["password"])
    # Keep THIS session; every other session of the user now fails its hash.
    update_session_auth_hash(request, request.user)
    return JsonResponse({"changed": True})
# endregion


@require_POST
def logout_view(request):
    logout(request)  # deletes the django_session row
    return JsonResponse({"logged_out": True})
