"""Chapter 2: runs the URLconfs and views the chapter shows, under real Django.

Every request goes through self.client, so the URL resolver, the path
converters and the method decorators all take part.
"""
import io
import sys
import types

from django.core.management import call_command
from django.urls import NoReverseMatch

from django.http import JsonResponse
from django.test import RequestFactory, TestCase, override_settings
from django.views import View
from django.views.decorators.http import require_safe

from tests.fixtures import seed
from tests.snippets import load_snippet

views = load_snippet("02-routing/django/views.py")
urls = load_snippet("02-routing/django/urls.py")
shadowing = load_snippet("02-routing/django/shadowing.py")
named = load_snippet("02-routing/django/reverse.py")

sys.modules["chapter02_urls"] = urls
sys.modules["chapter02_shadowed_urls"] = shadowing
fixed = types.ModuleType("chapter02_fixed_urls")
fixed.urlpatterns = shadowing.fixed_urlpatterns
sys.modules["chapter02_fixed_urls"] = fixed
sys.modules["chapter02_named_urls"] = named

COMMON = "django.middleware.common.CommonMiddleware"


@override_settings(ROOT_URLCONF="chapter02_urls")
class UrlconfTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()

    def test_include_mounts_the_list_under_api(self):
        response = self.client.get("/api/invoices/")
        self.assertEqual(response.status_code, 200)
        numbers = [i["number"] for i in response.json()["invoices"]]
        self.assertEqual(numbers, ["INV-001", "INV-002", "INV-003", "GLX-001"])

    def test_int_converter_hands_the_view_an_int(self):
        invoice = self.invoices[1]
        response = self.client.get(f"/api/invoices/{invoice.id}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "id": invoice.id, "number": "INV-002", "total_cents": 8990,
        })

    def test_the_path_is_percent_decoded_before_the_resolver_runs(self):
        invoice = self.invoices[0]
        encoded = "".join(f"%{ord(d):02X}" for d in str(invoice.id))
        response = self.client.get(f"/api/invoices/{encoded}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["id"], invoice.id)

    def test_missing_row_is_404_from_get_object_or_404(self):
        self.assertEqual(self.client.get("/api/invoices/999/").status_code, 404)

    def test_converter_rejects_non_digits_before_any_view_runs(self):
        for raw in ["abc", "-1", "1e3", "1.0"]:
            with self.subTest(raw=raw), self.assertNumQueries(0):
                response = self.client.get(f"/api/invoices/{raw}/")
                self.assertEqual(response.status_code, 404)

    def test_no_matching_path_is_an_html_404_not_json(self):
        response = self.client.get("/nope/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(response["Content-Type"].startswith("text/html"))

    def test_routes_exist_only_under_the_include_prefix(self):
        self.assertEqual(self.client.get("/invoices/").status_code, 404)

    def test_require_get_answers_post_with_405_and_allow(self):
        response = self.client.post("/api/invoices/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET")

    def test_require_http_methods_lists_its_methods_in_allow(self):
        response = self.client.put(f"/api/invoices/{self.invoices[0].id}/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, DELETE")

    def test_the_405_body_is_empty_not_json(self):
        response = self.client.post("/api/invoices/")
        self.assertEqual(response.content, b"")

    def test_require_get_rejects_head_too(self):
        # require_GET means exactly GET; require_safe is GET and HEAD.
        response = self.client.head("/api/invoices/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET")

    def test_delete_goes_through_the_if_on_request_method(self):
        invoice = self.invoices[2]
        response = self.client.delete(f"/api/invoices/{invoice.id}/")
        self.assertEqual(response.status_code, 204)
        self.assertFalse(type(invoice).objects.filter(pk=invoice.pk).exists())

    def test_without_common_middleware_the_slashless_path_is_404(self):
        # The project's settings have no CommonMiddleware, so no APPEND_SLASH.
        self.assertEqual(self.client.get("/api/invoices").status_code, 404)


@override_settings(
    ROOT_URLCONF="chapter02_urls", MIDDLEWARE=[COMMON], APPEND_SLASH=True,
)
class AppendSlashTests(TestCase):
    def setUp(self):
        seed()

    def test_append_slash_redirects_with_301(self):
        response = self.client.get("/api/invoices?page=2")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/api/invoices/?page=2")

    def test_append_slash_only_redirects_when_the_slashed_path_exists(self):
        self.assertEqual(self.client.get("/api/nope").status_code, 404)

    def test_a_post_is_redirected_with_301_too_when_debug_is_off(self):
        # Most clients follow a 301 with a GET: the body is lost.
        response = self.client.post("/api/invoices", {"number": "X"})
        self.assertEqual(response.status_code, 301)

    @override_settings(DEBUG=True)
    def test_with_debug_on_a_post_without_slash_raises(self):
        with self.assertLogs("django.request", "ERROR"):
            with self.assertRaises(RuntimeError):
                self.client.post("/api/invoices", {"number": "X"})


class ShadowingTests(TestCase):
    def setUp(self):
        seed()

    @override_settings(ROOT_URLCONF="chapter02_shadowed_urls")
    def test_slug_pattern_listed_first_swallows_new(self):
        response = self.client.get("/invoices/new/")
        # invoice_by_number ran with number="new": no such invoice.
        self.assertEqual(response.status_code, 404)

    @override_settings(ROOT_URLCONF="chapter02_shadowed_urls")
    def test_slug_pattern_still_serves_real_numbers(self):
        response = self.client.get("/invoices/INV-001/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["number"], "INV-001")

    @override_settings(ROOT_URLCONF="chapter02_fixed_urls")
    def test_static_pattern_listed_first_wins(self):
        response = self.client.get("/invoices/new/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"form": "new_invoice"})
        other = self.client.get("/invoices/INV-002/")
        self.assertEqual(other.json()["number"], "INV-002")


class MethodDefaultsTests(TestCase):
    def test_without_a_decorator_any_method_reaches_the_view(self):
        request = RequestFactory().delete("/invoices/new/")
        response = views.new_invoice_form.__wrapped__(request)
        self.assertEqual(response.status_code, 200)

    def test_require_safe_allows_get_and_head(self):
        view = require_safe(views.new_invoice_form.__wrapped__)
        self.assertEqual(view(RequestFactory().head("/")).status_code, 200)
        self.assertEqual(view(RequestFactory().post("/"))["Allow"], "GET, HEAD")

    def test_a_class_based_view_routes_head_to_get_and_sends_allow(self):
        class Detail(View):
            def get(self, request):
                return JsonResponse({"ok": True})

        view = Detail.as_view()
        self.assertEqual(view(RequestFactory().head("/")).status_code, 200)
        refused = view(RequestFactory().post("/"))
        self.assertEqual(refused.status_code, 405)
        self.assertEqual(refused["Allow"], "GET, HEAD, OPTIONS")


@override_settings(ROOT_URLCONF="chapter02_named_urls")
class ReverseTests(TestCase):
    def test_reverse_builds_the_url_from_the_name(self):
        self.assertEqual(named.invoice_url(7), "/api/invoices/7/")

    def test_a_wrong_name_or_a_missing_argument_fails_only_when_reverse_runs(self):
        # The system checks, which run before every test and every deploy, see nothing.
        out = io.StringIO()
        call_command("check", stdout=out)
        self.assertIn("no issues", out.getvalue())
        with self.assertRaises(NoReverseMatch):
            named.reverse("invoice-detial", args=[7])
        with self.assertRaises(NoReverseMatch):
            named.reverse("invoice-detail")
        with self.assertRaises(NoReverseMatch):
            named.typos()
