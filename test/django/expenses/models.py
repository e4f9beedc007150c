"""The capstone's Django app: expense claims, one owner each.

Chapter 10's exercise ports the list endpoint over these tables
(expenses_category, expenses_expense, plus auth_user) to TypeScript. The
grader's schema is generated from this app's migrations
(`manage.py workbook_schema` → test/fixtures/schema/expenses.schema.sql), so it
is exactly what Django creates: bigint ids, DEFERRABLE foreign keys, and
none of the Python-only rules below (on_delete, choices, default).
"""
from django.conf import settings
from django.db import models


class Category(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.TextField()


class Expense(models.Model):
    STATUSES = [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # Nullable: an expense may be uncategorised, and deleting a category
    # keeps its expenses (SET_NULL, done by Django's Collector in Python:
    # a DELETE from another service fails on the foreign key instead).
    # JSON shows it as "category": null.
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL)
    description = models.TextField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    # choices and default are Python-only: the column is a plain varchar(10).
    status = models.CharField(max_length=10, choices=STATUSES, default="pending")
    note = models.TextField(null=True, blank=True)
    spent_at = models.DateTimeField()
