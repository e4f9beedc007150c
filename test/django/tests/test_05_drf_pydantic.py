"""Chapter 5: runs the DRF serializer (through APIRequestFactory), the
Pydantic 2 model (through model_validate) and the FastAPI route (through
its TestClient) that the chapter puts next to the zod schema."""
import json

from django.test import SimpleTestCase, TestCase
from fastapi.testclient import TestClient
from pydantic import ConfigDict, ValidationError
from rest_framework.test import APIRequestFactory, force_authenticate

from billing.models import Customer
from tests.fixtures import seed
from tests.snippets import load_snippet

drf = load_snippet("05-validation/django/serializers.py")
pyd = load_snippet("05-validation/django/pydantic_models.py")

VALID = {"customer_id": 1, "amount_cents": 15000, "currency": "EUR", "memo": "March"}


class DrfTests(TestCase):
    def setUp(self):
        self.alice, self.bob, _ = seed()
        self.acme = Customer.objects.get(name="Acme Corp")
        self.globex = Customer.objects.get(name="Globex")
        self.valid = {**VALID, "customer_id": self.acme.pk}

    def post(self, body, content_type="application/json"):
        raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
        request = APIRequestFactory().post("/invoices", raw, content_type=content_type)
        force_authenticate(request, user=self.alice)
        response = drf.create_invoice(request)
        response.render()
        return response.status_code, json.loads(response.content)

    def test_valid_body_is_a_201(self):
        status, body = self.post(self.valid)
        self.assertEqual((status, body), (201, {"status": "draft", **self.valid}))

    def test_schema_errors_are_a_400_keyed_by_field(self):
        status, body = self.post({**self.valid, "amount_cents": "lots", "currency": "JPY"})
        self.assertEqual(status, 400)
        self.assertEqual(body, {
            "amount_cents": ["A valid integer is required."],
            "currency": ['"JPY" is not a valid choice.'],
        })

    def test_other_owners_customer_is_a_400_on_that_field(self):
        status, body = self.post({**self.valid, "customer_id": self.globex.pk})
        self.assertEqual((status, body), (400, {"customer_id": ["Unknown customer"]}))

    def test_broken_json_is_also_a_400_and_a_wrong_type_a_415(self):
        status, body = self.post('{"customer_id": ')
        self.assertEqual(status, 400)
        self.assertTrue(body["detail"].startswith("JSON parse error"))
        status, body = self.post("customer_id=1", content_type="text/plain")
        self.assertEqual(status, 415)
        self.assertEqual(body, {"detail": 'Unsupported media type "text/plain" in request.'})

    def test_a_customer_id_past_int4_is_looked_up_like_any_other(self):
        # The serializer has no upper bound: 2147483648 is a valid bigint id,
        # and the ownership query decides (no such customer here).
        status, body = self.post({**self.valid, "customer_id": 2**31})
        self.assertEqual((status, body), (400, {"customer_id": ["Unknown customer"]}))

    def test_lax_like_a_form_numeric_strings_whole_floats_unknown_keys(self):
        status, body = self.post({**self.valid, "amount_cents": "100", "owner_id": 2})
        self.assertEqual(status, 201)
        self.assertEqual(body["amount_cents"], 100)
        self.assertNotIn("owner_id", body)
        self.assertEqual(self.post({**self.valid, "amount_cents": 100.0})[1]["amount_cents"], 100)
        self.assertEqual(self.post({**self.valid, "amount_cents": 10.5})[0], 400)


class PydanticTests(SimpleTestCase):
    def errors(self, model, data):
        with self.assertRaises(ValidationError) as caught:
            model.model_validate(data)
        return [(e["loc"], e["type"]) for e in caught.exception.errors()]

    def test_valid_body_and_the_default_memo(self):
        invoice = pyd.CreateInvoice.model_validate({k: v for k, v in VALID.items() if k != "memo"})
        self.assertEqual(invoice.model_dump(), {**VALID, "memo": ""})

    def test_strict_and_forbid_refuse_what_zod_refuses(self):
        self.assertEqual(self.errors(pyd.CreateInvoice, {**VALID, "amount_cents": "100"}), [(("amount_cents",), "int_type")])
        self.assertEqual(self.errors(pyd.CreateInvoice, {**VALID, "amount_cents": 100.0}), [(("amount_cents",), "int_type")])
        self.assertEqual(self.errors(pyd.CreateInvoice, {**VALID, "owner_id": 2}), [(("owner_id",), "extra_forbidden")])
        self.assertEqual(self.errors(pyd.CreateInvoice, {**VALID, "currency": "JPY"}), [(("currency",), "literal_error")])

    def test_customer_id_is_a_bigint_id(self):
        # 2147483648 is an ordinary BigAutoField id; past bigint, no row can match.
        self.assertEqual(pyd.CreateInvoice.model_validate({**VALID, "customer_id": 2**31}).customer_id, 2**31)
        self.assertEqual(self.errors(pyd.CreateInvoice, {**VALID, "customer_id": 2**63}), [(("customer_id",), "less_than_equal")])

    def test_pydantic_defaults_are_lax_and_ignore_unknown_keys(self):
        class Lax(pyd.CreateInvoice):
            model_config = ConfigDict(strict=False, extra="ignore")

        invoice = Lax.model_validate({**VALID, "amount_cents": "100", "owner_id": 2})
        self.assertEqual(invoice.amount_cents, 100)
        self.assertFalse(hasattr(invoice, "owner_id"))
        self.assertEqual(self.errors(Lax, {**VALID, "amount_cents": 10.5}), [(("amount_cents",), "int_from_float")])


class FastApiTests(SimpleTestCase):
    def setUp(self):
        self.client = TestClient(pyd.app)

    def test_valid_body_is_a_201(self):
        response = self.client.post("/invoices", json=VALID)
        self.assertEqual((response.status_code, response.json()), (201, {"status": "draft", **VALID}))

    def test_schema_errors_are_a_422_with_a_detail_list(self):
        response = self.client.post("/invoices", json={**VALID, "amount_cents": "100", "owner_id": 2})
        self.assertEqual(response.status_code, 422)
        detail = response.json()["detail"]
        self.assertEqual([(d["loc"], d["type"]) for d in detail], [
            (["body", "amount_cents"], "int_type"),
            (["body", "owner_id"], "extra_forbidden"),
        ])
        self.assertEqual(set(detail[0]), {"type", "loc", "msg", "input"})

    def test_broken_json_is_also_a_422(self):
        response = self.client.post("/invoices", content=b'{"customer_id": ', headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["type"], "json_invalid")
