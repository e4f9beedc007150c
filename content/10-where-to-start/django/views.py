"""The endpoint the capstone ports: GET /api/expenses/.

A list with filters, Django's Paginator, an owner scope, money as
DecimalField and datetimes with microseconds. JsonResponse serialises
with DjangoJSONEncoder, which decides how Decimal and datetime look on
the wire; scripts/record-capstone.py records what it produces.
"""
import re

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from expenses.models import Expense

STATUSES = {"pending", "approved", "rejected"}
# [0-9], not \d: in Python 3 \d also matches "٣" and other digits.
WHOLE = re.compile(r"[1-9][0-9]{0,8}")


def bad(parameter):
    body = {"error": "invalid_parameter", "parameter": parameter}
    return JsonResponse(body, status=400)


# region row
def row(expense):
    category = expense.category  # select_related: no query here
    return {
        "id": expense.id,
        "description": expense.description,
        "amount": expense.amount,  # Decimal -> "12.50"
        "status": expense.status,
        "note": expense.note,  # None -> null, "" stays ""
        "spent_at": expense.spent_at,  # -> "...T09:15:00.123Z"
        "category": None if category is None
        else {"id": category.id, "name": category.name},
    }
# endregion


# region list
@require_GET
def expense_list(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not_authenticated"}, status=401)
    params = request.GET  # a QueryDict: .get() returns the LAST value
    qs = (
        Expense.objects.filter(owner=request.user)
        .select_related("category")
        .order_by("-spent_at", "-id")
    )
    status = params.get("status")
    if status is not None:
        if status not in STATUSES:
            return bad("status")
        qs = qs.filter(status=status)
    category = params.get("category")
    if category == "none":
        qs = qs.filter(category__isnull=True)
    elif category is not None:
        if not WHOLE.fullmatch(category):
            return bad("category")
        qs = qs.filter(category_id=int(category))
    q = params.get("q", "")
    if len(q) > 100:
        return bad("q")
    if q:
        qs = qs.filter(description__icontains=q)  # escapes % and _
    page = params.get("page", "1")
    per_page = params.get("per_page", "20")
    if not WHOLE.fullmatch(page):
        return bad("page")
    if not WHOLE.fullmatch(per_page) or int(per_page) > 100:
        return bad("per_page")
    paginator = Paginator(qs, int(per_page))
    try:
        current = paginator.page(int(page))
    except EmptyPage:  # page 1 of nothing is fine: allow_empty_first_page
        return JsonResponse({"error": "page_out_of_range"}, status=404)
    return JsonResponse({
        "count": paginator.count,
        "page": current.number,
        "num_pages": paginator.num_pages,
        "results": [row(e) for e in current.object_list],
    })
# endregion
