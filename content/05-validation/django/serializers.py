"""POST /invoices with Django REST framework: the serializer a DRF team
writes for chapter 5's body. Executed by test/django/tests/test_05_drf_pydantic.py
through DRF's APIRequestFactory.
"""
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from billing.models import Customer


# region serializer
class InvoiceSerializer(serializers.Serializer):
    customer_id = serializers.IntegerField(min_value=1)  # a bigint id
    amount_cents = serializers.IntegerField(min_value=1, max_value=100_000_000)
    currency = serializers.ChoiceField(choices=["EUR", "USD", "GBP"])
    memo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate_customer_id(self, pk):
        owner = self.context["request"].user
        if not Customer.objects.filter(pk=pk, owner=owner).exists():
            raise serializers.ValidationError("Unknown customer")
        return pk


@api_view(["POST"])
def create_invoice(request):
    serializer = InvoiceSerializer(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)  # 400 {"field": ["message"]}
    return Response({"status": "draft", **serializer.validated_data}, status=201)
# endregion
