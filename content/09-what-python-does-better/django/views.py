"""Chapter 9: a job Python is good at, behind an HTTP boundary. The
TypeScript service calls this view; it never imports Python code.
"""
import statistics

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.http import JsonResponse

from billing.models import Invoice


# region forecast
def forecast(request, customer_id):
    months = (
        Invoice.objects.filter(customer_id=customer_id)
        .annotate(month=TruncMonth("issued_on"))
        .values("month")
        .annotate(cents=Sum("total_cents"))
        .order_by("month")
    )
    totals = [m["cents"] for m in months]
    if len(totals) < 2:
        return JsonResponse({"error": "not_enough_history"}, status=422)
    slope, intercept = statistics.linear_regression(
        range(len(totals)), totals
    )
    return JsonResponse({
        "customer_id": customer_id,
        "months": len(totals),
        "next_month_cents": round(slope * len(totals) + intercept),
    })
# endregion
