"""Chapter 5: runs the Django form and view the chapter shows, including
the lax conversions the chapter points out."""
import json

from django.urls import path
from django.test import RequestFactory, TestCase, override_settings

from tests.fixtures import seed
from tests.snippets import load_snippet

views = load_snippet("05-validation/django/views.py")

VALID = {"customer_id": None, "amount_cents": 1250, "currency": "EUR", "memo": "Design"}


class FormTests(TestCase):
    def setUp(self):
        self.alice, self.bob, _ = seed()
        self.acme = self.alice.customer_set.get()
        self.globex = self.bob.customer_set.get()

    def form(self, **changes):
        data = dict(VALID, customer_id=self.acme.pk)
        data.update(changes)
        return views.InvoiceForm(data, user=self.alice)

    def test_valid_data_is_cleaned(self):
        form = self.form()
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["amount_cents"], 1250)

    def test_form_converts_numeric_strings_and_whole_floats(self):
        for value in ["100", " 100 ", 100.0]:
            with self.subTest(value=value):
                form = self.form(amount_cents=value)
                self.assertTrue(form.is_valid(), form.errors)
                self.assertEqual(form.cleaned_data["amount_cents"], 100)

    def test_form_rejects_fractions_and_out_of_range(self):
        for value in [10.5, "10.5", 0, -5, 100_000_001, True]:
            with self.subTest(value=value):
                self.assertIn("amount_cents", self.form(amount_cents=value).errors)

    def test_form_ignores_unknown_keys_silently(self):
        form = self.form(owner_id=self.bob.pk, __proto__={"admin": True})
        self.assertTrue(form.is_valid())
        self.assertNotIn("owner_id", form.cleaned_data)

    def test_form_turns_null_memo_into_empty_string_and_strips(self):
        self.assertEqual(self.form(memo=None).is_valid(), True)
        form = self.form(memo="  padded  ")
        form.is_valid()
        self.assertEqual(form.cleaned_data["memo"], "padded")

    def test_unknown_currency_and_other_owners_customer_fail(self):
        self.assertIn("currency", self.form(currency="JPY").errors)
        errors = self.form(customer_id=self.globex.pk).errors
        self.assertEqual(errors["customer_id"], ["Unknown customer"])


class ViewTests(TestCase):
    def setUp(self):
        self.alice, self.bob, _ = seed()
        self.acme = self.alice.customer_set.get()
        self.factory = RequestFactory()
        views.DRAFTS.clear()

    def post(self, body, content_type="application/json"):
        if not isinstance(body, (str, bytes)):
            body = json.dumps(body)
        # CONTENT_TYPE is passed again so that an empty body keeps it.
        request = self.factory.post(
            "/invoices", data=body, content_type=content_type, CONTENT_TYPE=content_type
        )
        request.user = self.alice
        return views.create_invoice(request)

    def test_valid_body_is_a_201_with_the_row(self):
        response = self.post(dict(VALID, customer_id=self.acme.pk))
        self.assertEqual(response.status_code, 201)
        self.assertEqual(json.loads(response.content)["amount_cents"], 1250)
        self.assertEqual(len(views.DRAFTS), 1)

    def test_wrong_content_type_is_415(self):
        response = self.post("customer_id=1", content_type="application/x-www-form-urlencoded")
        self.assertEqual(response.status_code, 415)

    def test_not_json_and_empty_body_are_400(self):
        for body in ["{not json", ""]:
            with self.subTest(body=body):
                response = self.post(body)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(json.loads(response.content), {"error": "invalid_json"})

    def test_invalid_fields_are_422_with_paths(self):
        response = self.post(dict(VALID, customer_id=self.acme.pk, amount_cents=10.5, currency="JPY"))
        self.assertEqual(response.status_code, 422)
        body = json.loads(response.content)
        self.assertEqual(body["error"], "validation_failed")
        self.assertEqual({f["path"] for f in body["fields"]}, {"amount_cents", "currency"})
        self.assertEqual(views.DRAFTS, [])

    def test_json_that_is_not_an_object_is_422(self):
        response = self.post([1, 2])
        self.assertEqual(response.status_code, 422)

    def test_numeric_string_is_accepted_by_the_django_version(self):
        response = self.post(dict(VALID, customer_id=str(self.acme.pk), amount_cents="100"))
        self.assertEqual(response.status_code, 201)
        self.assertEqual(json.loads(response.content)["amount_cents"], 100)

    def test_get_is_405(self):
        request = self.factory.get("/invoices")
        request.user = self.alice
        self.assertEqual(views.create_invoice(request).status_code, 405)


urlpatterns = [path("invoices", views.create_invoice)]


@override_settings(ROOT_URLCONF=__name__, DATA_UPLOAD_MAX_MEMORY_SIZE=64 * 1024)
class BodyLimitTests(TestCase):
    def test_body_over_the_limit_is_a_400_from_django_not_a_413(self):
        views.DRAFTS.clear()
        alice, _, _ = seed()
        self.client.force_login(alice)
        big = json.dumps({"memo": "x" * (1024 * 1024)})
        response = self.client.post("/invoices", data=big, content_type="application/json")
        # request.body raises RequestDataTooBig, a SuspiciousOperation:
        # Django's handler answers 400 and the view never runs.
        self.assertEqual(response.status_code, 400)
        self.assertEqual(views.DRAFTS, [])
