"""POST /invoices with a Django form: parse JSON, validate, and answer
with the same status codes and error shape as the TypeScript handler.

Forms were designed for HTML, where every value arrives as a string, so
they convert: "100" and 100.0 both become 100. DRF's serializers.IntegerField
does the same conversion.
"""
import json

from django import forms
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from billing.models import Customer

# region form
CURRENCIES = [(code, code) for code in ("EUR", "USD", "GBP")]


class InvoiceForm(forms.Form):
    customer_id = forms.IntegerField(min_value=1)  # a bigint id
    amount_cents = forms.IntegerField(min_value=1, max_value=100_000_000)
    currency = forms.ChoiceField(choices=CURRENCIES)
    memo = forms.CharField(max_length=500, required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user

    def clean_customer_id(self):
        pk = self.cleaned_data["customer_id"]
        if not Customer.objects.filter(pk=pk, owner=self.user).exists():
            raise forms.ValidationError("Unknown customer")
        return pk
# endregion

# Stands in for the INSERT, as `store` does on the TypeScript side.
DRAFTS = []


def store(user, data):
    row = {"id": len(DRAFTS) + 1, "status": "draft", **data}
    DRAFTS.append((user.pk, row))
    return row


# region view
@require_POST
def create_invoice(request):
    if request.content_type != "application/json":
        return JsonResponse({"error": "unsupported_media_type"}, status=415)
    try:
        data = json.loads(request.body)  # 400 above DATA_UPLOAD_MAX_MEMORY_SIZE
    except ValueError:
        return JsonResponse({"error": "invalid_json"}, status=400)
    if not isinstance(data, dict):
        data = {}  # a form cannot read a list; every field is now missing

    form = InvoiceForm(data, user=request.user)
    if not form.is_valid():
        fields = [
            {"path": name, "message": error["message"]}
            for name, errors in form.errors.get_json_data().items()
            for error in errors
        ]
        return JsonResponse(
            {"error": "validation_failed", "fields": fields}, status=422
        )
    return JsonResponse(store(request.user, form.cleaned_data), status=201)
# endregion
