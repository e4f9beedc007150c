"""Chapter 9: a job Python is good at, behind an HTTP boundary. The
TypeScript service calls this view; it never imports Python code.
"""
import datetime
import statistics

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.http import JsonResponse

from billing.models import Invoice


# region forecast
def months(first, last):
    """Every first-of-month from first to last, gaps included."""
    while first <= last:
        yield first
        first = (first + datetime.timedelta(days=32)).replace(day=1)


def predict(customer_id):
    rows = (
        Invoice.objects.filter(customer_id=customer_id)
        .annotate(month=TruncMonth("issued_on"))
        .values("month")
        .annotate(cents=Sum("total_cents"))
    )
    by_month = {row["month"]: row["cents"] for row in rows}
    if len(by_month) < 2:
        return None
    # A month with no invoices is a month of zero, not a missing point.
    first, last = min(by_month), max(by_month)
    totals = [by_month.get(m, 0) for m in months(first, last)]
    slope, intercept = statistics.linear_regression(
        range(len(totals)), totals
    )
    return {
        "customer_id": customer_id,
        "months": len(totals),
        "next_month_cents": round(slope * len(totals) + intercept),
    }


def forecast(request, customer_id):
    prediction = predict(customer_id)
    if prediction is None:
        return JsonResponse({"error": "not_enough_history"}, status=422)
    return JsonResponse(prediction)
# endregion
