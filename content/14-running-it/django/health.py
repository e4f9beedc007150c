"""Chapter 14: liveness and readiness views."""
import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("api")


# region views
@never_cache
@require_GET
def healthz(request):
    # Liveness: the process answers. Never touch the database here,
    # or a database outage restarts every web process at once.
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    # Readiness: can this process serve traffic right now?
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("readiness check failed: database unreachable")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ready"})


urlpatterns = [
    path("healthz", healthz),
    path("readyz", readyz),
]
# endregion


# region invoice-view
def invoice(request, invoice_id):
    logger.info("invoice shown", extra={"invoice_id": invoice_id})
    return JsonResponse({"id": invoice_id})


urlpatterns += [path("invoices/<int:invoice_id>", invoice)]
# endregion
