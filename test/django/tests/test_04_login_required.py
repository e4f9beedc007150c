"""Chapter 4: runs the JSON flavour of LoginRequiredMiddleware
(content/04-middleware/django/login_required.py) through Django's handler."""
import sys
import types

from django.contrib.auth.checks import check_middleware
from django.test import TestCase, override_settings

from tests.fixtures import seed
from tests.snippets import load_snippet

snippet = load_snippet("04-middleware/django/login_required.py")

# The MIDDLEWARE list names "api.auth.ApiLoginRequiredMiddleware": make it import.
sys.modules["api.auth"] = types.ModuleType("api.auth")
sys.modules["api.auth"].ApiLoginRequiredMiddleware = snippet.ApiLoginRequiredMiddleware
sys.modules["chapter04_login_required_urls"] = snippet


@override_settings(ROOT_URLCONF="chapter04_login_required_urls", MIDDLEWARE=snippet.MIDDLEWARE)
class ApiLoginRequiredTests(TestCase):
    def setUp(self):
        self.alice, _bob, _invoices = seed()

    def test_anonymous_gets_a_json_401_not_a_redirect(self):
        response = self.client.get("/api/me/")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"error": "unauthorized"})
        self.assertEqual(response["WWW-Authenticate"], "Bearer")

    def test_a_public_view_needs_no_user(self):
        response = self.client.get("/api/health/")
        self.assertEqual((response.status_code, response.json()), (200, {"ok": True}))

    def test_a_signed_in_user_reaches_the_private_view(self):
        self.client.force_login(self.alice)
        response = self.client.get("/api/me/")
        self.assertEqual((response.status_code, response.json()), (200, {"user_id": self.alice.id}))

    def test_the_subclass_is_still_checked_for_its_place_after_authentication(self):
        self.assertEqual(check_middleware(None), [])
        with override_settings(MIDDLEWARE=[snippet.MIDDLEWARE[0], snippet.MIDDLEWARE[2], snippet.MIDDLEWARE[1]]):
            self.assertEqual([e.id for e in check_middleware(None)], ["auth.E013"])
