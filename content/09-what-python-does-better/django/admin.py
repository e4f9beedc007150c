"""Chapter 9: the Django admin for invoices. A few lines of configuration
give a searchable, filterable, paginated back office with permissions,
scoped to the staff member's own customers.
"""
from django.contrib import admin

from billing.models import Customer, Invoice


# region admin
@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "customer", "status", "total_cents"]
    list_filter = ["status", "issued_on"]
    search_fields = ["number", "customer__name"]
    date_hierarchy = "issued_on"
    list_select_related = ["customer"]
    readonly_fields = ["owner"]

    def get_queryset(self, request):
        invoices = super().get_queryset(request)
        if request.user.is_superuser:
            return invoices
        return invoices.filter(owner=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Without this the select lists every owner's customers.
        if db_field.name == "customer" and not request.user.is_superuser:
            kwargs["queryset"] = Customer.objects.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.owner = obj.customer.owner  # never typed in by hand
        super().save_model(request, obj, form, change)
# endregion
