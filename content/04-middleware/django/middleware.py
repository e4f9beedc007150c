"""Chapter 4: four middleware classes, listed in settings.MIDDLEWARE."""
import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.http import Http404, JsonResponse

logger = logging.getLogger("api")
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{1,64}")


# region request_id
class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response  # once, at start-up

    def __call__(self, request):  # once per request
        incoming = request.headers.get("X-Request-Id", "")
        if WELL_FORMED.fullmatch(incoming):
            request.request_id = incoming
        else:
            request.request_id = str(uuid.uuid4())
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        return response
# endregion


# region timing
class TimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        ms = (time.perf_counter() - start) * 1000
        response["Server-Timing"] = f"app;dur={ms:.1f}"
        logger.info(
            "%s %s %s", request.method, request.path,
            response.status_code,
            extra={"request_id": request.request_id, "ms": ms},
        )
        return response
# endregion


# region auth
class BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        digest = hashlib.sha256(token.encode()).hexdigest()
        user_id = settings.API_TOKENS.get(digest)
        if scheme.lower() != "bearer" or user_id is None:
            response = JsonResponse({"error": "unauthorized"}, status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        request.user_id = user_id  # an attribute, not a type
        return self.get_response(request)
# endregion


# region errors
class JsonErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Called for exceptions raised by the VIEW only.
        request_id = getattr(request, "request_id", None)
        if isinstance(exception, Http404):
            body = {"error": "not_found", "request_id": request_id}
            return JsonResponse(body, status=404)
        logger.exception("unhandled", extra={"request_id": request_id})
        body = {"error": "internal", "request_id": request_id}
        return JsonResponse(body, status=500)
# endregion
