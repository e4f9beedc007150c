from django.urls import path

from benchsite import views

# No trailing slash: the same URL the TypeScript server answers.
urlpatterns = [path("invoices/<str:raw_id>", views.invoice_detail)]
