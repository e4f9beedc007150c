"""Chapter 9: the Django admin for invoices. Five lines of configuration
give a searchable, filterable, paginated back office with permissions.
"""
from django.contrib import admin

from billing.models import Invoice


# region admin
@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "customer", "status", "total_cents"]
    list_filter = ["status", "issued_on"]
    search_fields = ["number", "customer__name"]
    date_hierarchy = "issued_on"
    list_select_related = ["customer"]

    def get_queryset(self, request):
        invoices = super().get_queryset(request)
        if request.user.is_superuser:
            return invoices
        return invoices.filter(owner=request.user)
# endregion
