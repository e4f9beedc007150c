"""Chapter 4: runs the middleware classes the chapter shows, in the order
settings.MIDDLEWARE lists them, through Django's real handler."""
import hashlib
import re
import sys
import types

from django.test import Client, SimpleTestCase, override_settings

from tests.snippets import load_snippet

middleware = load_snippet("04-middleware/django/middleware.py")
settings_snippet = load_snippet("04-middleware/django/settings.py")
views = load_snippet("04-middleware/django/views.py")

# The dotted paths in the MIDDLEWARE list must import: register them.
api = types.ModuleType("api")
api.middleware = middleware
sys.modules["api"] = api
sys.modules["api.middleware"] = middleware
sys.modules["chapter04_urls"] = views

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
ALICE = {"HTTP_AUTHORIZATION": "Bearer alice-token"}
CHAPTER = dict(
    ROOT_URLCONF="chapter04_urls",
    MIDDLEWARE=settings_snippet.MIDDLEWARE,
    API_TOKENS=settings_snippet.API_TOKENS,
)


@override_settings(**CHAPTER)
class ChainTests(SimpleTestCase):
    def test_tokens_are_stored_as_digests(self):
        digest = hashlib.sha256(b"alice-token").hexdigest()
        self.assertEqual(settings_snippet.API_TOKENS, {digest: 1})

    def test_valid_token_reaches_the_view_with_user_and_request_id(self):
        with self.assertLogs("api", "INFO") as logs:
            response = self.client.get("/api/me/", **ALICE)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["user_id"], 1)
        self.assertRegex(body["request_id"], UUID)
        self.assertEqual(response["X-Request-Id"], body["request_id"])
        self.assertTrue(response["Server-Timing"].startswith("app;dur="))
        self.assertIn("GET /api/me/ 200", logs.output[0])

    def test_well_formed_incoming_id_is_kept_and_malformed_one_replaced(self):
        kept = self.client.get("/api/me/", HTTP_X_REQUEST_ID="edge-42", **ALICE)
        self.assertEqual(kept["X-Request-Id"], "edge-42")
        replaced = self.client.get("/api/me/", HTTP_X_REQUEST_ID="a b", **ALICE)
        self.assertRegex(replaced["X-Request-Id"], UUID)

    def test_missing_or_wrong_token_is_a_json_401_with_the_request_id(self):
        for headers in [{}, {"HTTP_AUTHORIZATION": "Bearer nope"},
                        {"HTTP_AUTHORIZATION": "Basic alice-token"}]:
            with self.subTest(headers=headers):
                response = self.client.get("/api/me/", HTTP_X_REQUEST_ID="r-401", **headers)
                self.assertEqual(response.status_code, 401)
                self.assertEqual(response.json(), {"error": "unauthorized"})
                self.assertEqual(response["WWW-Authenticate"], "Bearer")
                self.assertEqual(response["X-Request-Id"], "r-401")

    def test_view_exception_becomes_a_json_500_without_the_message(self):
        with self.assertLogs("api", "ERROR") as logs:
            response = self.client.get("/api/broken/", HTTP_X_REQUEST_ID="r-500", **ALICE)
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response.json(), {"error": "internal", "request_id": "r-500"})
        self.assertNotIn(b"hunter2", response.content)
        self.assertIn("hunter2", "\n".join(logs.output))
        self.assertEqual(response["X-Request-Id"], "r-500")

    def test_http404_becomes_a_json_404(self):
        response = self.client.get("/api/missing/", HTTP_X_REQUEST_ID="r-404", **ALICE)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"error": "not_found", "request_id": "r-404"})


@override_settings(ROOT_URLCONF="chapter04_urls", MIDDLEWARE=settings_snippet.MIDDLEWARE)
class ExceptionInMiddlewareTests(SimpleTestCase):
    """process_exception only sees the view's exceptions."""

    def test_an_exception_in_another_middleware_skips_process_exception(self):
        # No API_TOKENS setting: BearerTokenMiddleware raises AttributeError.
        client = Client(raise_request_exception=False)
        with self.assertLogs("django.request", "ERROR"):
            response = client.get("/api/me/", HTTP_X_REQUEST_ID="r-mw", **ALICE)
        self.assertEqual(response.status_code, 500)
        # Django's default 500 page, not JsonErrorMiddleware's JSON...
        self.assertTrue(response["Content-Type"].startswith("text/html"))
        self.assertIn(b"Server Error (500)", response.content)
        # ...while the outer middleware still ran on the way out.
        self.assertEqual(response["X-Request-Id"], "r-mw")


class OrderTests(SimpleTestCase):
    def test_the_order_is_the_list_in_settings(self):
        swapped = [settings_snippet.MIDDLEWARE[-1], *settings_snippet.MIDDLEWARE[:-1]]
        with self.settings(**{**CHAPTER, "MIDDLEWARE": swapped}):
            response = self.client.get("/api/me/", HTTP_X_REQUEST_ID="r-1")
        # Auth listed first answers before RequestIdMiddleware runs.
        self.assertEqual(response.status_code, 401)
        self.assertFalse(response.has_header("X-Request-Id"))

    def test_without_the_auth_middleware_the_view_crashes_on_a_missing_attribute(self):
        without_auth = settings_snippet.MIDDLEWARE[:-1]
        with self.settings(**{**CHAPTER, "MIDDLEWARE": without_auth}):
            with self.assertLogs("api", "ERROR") as logs:
                response = self.client.get("/api/me/", **ALICE)
        self.assertEqual(response.status_code, 500)
        self.assertIn("AttributeError", "\n".join(logs.output))
