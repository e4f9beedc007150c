"""Chapter 1: runs Django 5.1's LoginRequiredMiddleware as the chapter's
settings list it (content/01-shape-of-a-service/django/login_required.py)."""
import sys

from django.contrib.auth.checks import check_middleware
from django.test import TestCase, override_settings

from tests.fixtures import seed
from tests.snippets import load_snippet

snippet = load_snippet("01-shape-of-a-service/django/login_required.py")
sys.modules["chapter01_login_required_urls"] = snippet


@override_settings(ROOT_URLCONF="chapter01_login_required_urls", MIDDLEWARE=snippet.MIDDLEWARE)
class LoginRequiredByDefaultTests(TestCase):
    def setUp(self):
        self.alice, _bob, _invoices = seed()

    def test_an_undecorated_view_turns_anonymous_clients_away(self):
        response = self.client.get("/me/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/accounts/login/?next=/me/")

    def test_a_signed_in_user_reaches_it(self):
        self.client.force_login(self.alice)
        response = self.client.get("/me/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"id": self.alice.id, "username": "alice"})

    def test_login_not_required_opts_a_view_out(self):
        response = self.client.get("/hello/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"greeting": "Hello"})
        self.assertIs(snippet.hello.login_required, False)

    def test_an_unknown_url_is_a_404_even_for_anonymous_clients(self):
        # The check runs in process_view, after the URL has resolved.
        self.assertEqual(self.client.get("/nowhere/").status_code, 404)

    def test_the_wrong_order_is_a_system_check_error(self):
        self.assertEqual(check_middleware(None), [])
        swapped = [snippet.MIDDLEWARE[0], snippet.MIDDLEWARE[2], snippet.MIDDLEWARE[1]]
        with override_settings(MIDDLEWARE=swapped):
            self.assertEqual([e.id for e in check_middleware(None)], ["auth.E013"])
