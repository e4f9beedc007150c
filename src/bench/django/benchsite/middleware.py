"""BENCH-ONLY authentication: trusts the X-User-Id header.

Both servers in `npm run bench:endpoint` authenticate the same way, so the
comparison measures the endpoint, not two different auth schemes. Anyone
can send this header: never use it outside a loopback benchmark.
"""
from django.contrib.auth import get_user_model
from django.http import JsonResponse


class BenchUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.user_model = get_user_model()

    def __call__(self, request):
        raw = request.headers.get("X-User-Id", "")
        if not raw.isdigit():
            return JsonResponse({"error": "unauthenticated"}, status=401)
        # An unsaved instance carrying the id: no query, like the TS side.
        request.user = self.user_model(id=int(raw))
        return self.get_response(request)
