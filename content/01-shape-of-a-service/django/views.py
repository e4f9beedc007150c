"""Chapter 1's Django side: plain function views returning JSON.

Executed by test/django/tests/test_01_shape.py under the pinned Django (test/django/requirements.txt).
"""
# region hello
from django.http import JsonResponse

GREETINGS = {
    "en": "Hello",
    "fr": "Bonjour",
    "de": "Hallo",
}


def hello(request):
    lang = request.GET.get("lang", "en")
    if lang not in GREETINGS:
        error = "unknown_lang"
        return JsonResponse({"error": error}, status=400)
    return JsonResponse({"greeting": GREETINGS[lang]})
# endregion


# region whoami
from django.contrib.auth.decorators import login_required


@login_required
def whoami(request):
    # Set by AuthenticationMiddleware,
    # listed in settings.MIDDLEWARE.
    user = request.user
    return JsonResponse(
        {"id": user.id, "username": user.username}
    )
# endregion


# region customer
from django.db.models import Count
from django.shortcuts import get_object_or_404

from billing.models import Customer


@login_required
def customer_detail(request, pk):
    customers = Customer.objects.annotate(
        invoice_count=Count("invoice"),
    )
    customer = get_object_or_404(
        customers, pk=pk, owner=request.user
    )
    return JsonResponse({
        "id": customer.id,
        "name": customer.name,
        "invoice_count": customer.invoice_count,
    })
# endregion
