"""Chapter 14: structured logs in Django. A JSON formatter, a request id
kept in a contextvar by a middleware, a filter that puts it on every
record, and the LOGGING dict that wires them."""
import contextvars
import json
import logging
import re
import uuid

# region request-id
request_id_var = contextvars.ContextVar("request_id", default="-")
GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-Id", "")
        request_id = incoming if GOOD_ID.match(incoming) else str(uuid.uuid4())
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-Id"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True
# endregion


# region formatter
class JsonFormatter(logging.Formatter):
    FIELDS = ("invoice_id", "status", "duration_ms")

    def format(self, record):
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for field in self.FIELDS:  # what callers pass in extra={...}
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line)
# endregion


# region logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": RequestIdFilter}},
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},  # no SQL in production logs
    },
}
# endregion
