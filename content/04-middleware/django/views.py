"""Chapter 4: the views behind the middleware, and their URLconf."""
from django.http import Http404, JsonResponse
from django.urls import path


# region views
def me(request):
    # request.user_id exists only if BearerTokenMiddleware ran first.
    return JsonResponse({
        "user_id": request.user_id,
        "request_id": request.request_id,
    })
# endregion


def missing(request):
    raise Http404("no such invoice")


def broken(request):
    raise RuntimeError("password=hunter2 in SELECT * FROM auth_user")


urlpatterns = [
    path("api/me/", me),
    path("api/missing/", missing),
    path("api/broken/", broken),
]
