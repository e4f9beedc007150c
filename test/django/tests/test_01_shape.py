"""Chapter 1: runs every Django view the chapter shows, under real Django."""
import asyncio
import json
import sys
import time

from django.contrib.auth.models import AnonymousUser
from django.core.handlers.asgi import ASGIHandler
from django.http import JsonResponse
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import Resolver404, path, resolve

from tests.fixtures import seed
from tests.snippets import load_snippet

views = load_snippet("01-shape-of-a-service/django/views.py")
urls = load_snippet("01-shape-of-a-service/django/urls.py")
sys.modules["chapter01_urls"] = urls


class HelloTests(TestCase):
    def test_returns_json_greeting(self):
        response = views.hello(RequestFactory().get("/hello/", {"lang": "fr"}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(json.loads(response.content), {"greeting": "Bonjour"})

    def test_defaults_to_english(self):
        response = views.hello(RequestFactory().get("/hello/"))
        self.assertEqual(json.loads(response.content), {"greeting": "Hello"})

    def test_unknown_language_is_a_json_400(self):
        response = views.hello(RequestFactory().get("/hello/", {"lang": "xx"}))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(json.loads(response.content), {"error": "unknown_lang"})


@override_settings(ROOT_URLCONF="chapter01_urls")
class WhoAmITests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()

    def test_middleware_sets_request_user(self):
        self.client.force_login(self.alice)
        response = self.client.get("/me/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"id": self.alice.id, "username": "alice"})

    def test_anonymous_client_is_redirected_to_a_login_page(self):
        # login_required answers an API client with a 302, not a 401.
        response = self.client.get("/me/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_without_the_decorator_anonymous_gets_200_and_nulls(self):
        # The undecorated view still runs: request.user is AnonymousUser.
        request = RequestFactory().get("/me/")
        request.user = AnonymousUser()
        response = views.whoami.__wrapped__(request)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(json.loads(response.content), {"id": None, "username": ""})


@override_settings(ROOT_URLCONF="chapter01_urls")
class CustomerDetailTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.acme = self.invoices[0].customer
        self.globex = self.invoices[3].customer
        self.client.force_login(self.alice)

    def test_returns_the_owners_customer_with_an_invoice_count(self):
        response = self.client.get(f"/customers/{self.acme.id}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {"id": self.acme.id, "name": "Acme Corp", "invoice_count": 3},
        )

    def test_one_query_for_customer_and_count(self):
        request = RequestFactory().get("/")
        request.user = self.alice
        with self.assertNumQueries(1):
            response = views.customer_detail(request, pk=self.acme.id)
        self.assertEqual(response.status_code, 200)

    def test_another_owners_customer_is_404_like_a_missing_one(self):
        other = self.client.get(f"/customers/{self.globex.id}/")
        missing = self.client.get("/customers/999/")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(missing.status_code, 404)

    def test_int_converter_rejects_malformed_ids_before_any_view_runs(self):
        for raw in ["1e3", "abc", "-1", "0x10", "12abc", "%201"]:
            with self.subTest(raw=raw):
                with self.assertRaises(Resolver404):
                    resolve(f"/customers/{raw}/", urlconf="chapter01_urls")
                response = self.client.get(f"/customers/{raw}/")
                self.assertEqual(response.status_code, 404)

    def test_int_converter_accepts_leading_zeros(self):
        # [0-9]+ matches "00<id>", and int() turns it into <id>.
        response = self.client.get(f"/customers/00{self.acme.id}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["id"], self.acme.id)


# What the chapter says about a client that hangs up, checked on the Django
# this suite runs: under ASGI an async view is cancelled, a sync one is not.
_events = []


async def _slow_async_view(request):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        _events.append("async view cancelled")
        raise
    _events.append("async view finished")
    return JsonResponse({})


def _slow_sync_view(request):
    time.sleep(0.3)  # in a thread: nothing can interrupt it
    _events.append("sync view finished")
    return JsonResponse({})


disconnect_urls = type(sys)("chapter01_disconnect_urls")
disconnect_urls.urlpatterns = [path("async/", _slow_async_view), path("sync/", _slow_sync_view)]
sys.modules["chapter01_disconnect_urls"] = disconnect_urls


@override_settings(ROOT_URLCONF="chapter01_disconnect_urls", MIDDLEWARE=[])
class ClientDisconnectUnderAsgiTests(SimpleTestCase):
    def hang_up_during(self, url):
        """Sends a request to Django's ASGI handler and disconnects 50 ms later."""
        _events.clear()
        sent = []

        async def run():
            messages = [{"type": "http.request", "body": b"", "more_body": False}]

            async def receive():
                if messages:
                    return messages.pop()
                await asyncio.sleep(0.05)
                return {"type": "http.disconnect"}

            async def send(message):
                sent.append(message["type"])

            scope = {"type": "http", "method": "GET", "path": url, "query_string": b"",
                     "headers": [(b"host", b"testserver")], "asgi": {"version": "3.0"}}
            await ASGIHandler()(scope, receive, send)

        asyncio.run(run())
        return sent

    def test_an_async_view_gets_cancelled_error(self):
        sent = self.hang_up_during("/async/")
        self.assertEqual(_events, ["async view cancelled"])
        self.assertEqual(sent, [])  # no response was started

    def test_a_sync_view_runs_to_completion_after_the_client_left(self):
        sent = self.hang_up_during("/sync/")
        self.assertEqual(_events, ["sync view finished"])
        self.assertEqual(sent, [])  # ...and its response went nowhere
