"""Chapter 9: the jobs table. The TypeScript service INSERTs a row; a
Python worker claims it. Executed by test/django/tests/test_09_jobs.py.
"""
from django.db import models
from django.db.models.functions import Now


# region model
class Job(models.Model):
    kind = models.TextField()
    payload = models.JSONField()
    # db_default (Django 5.0+) is in the table's DDL: an INSERT from
    # the TypeScript service that leaves these out still gets them.
    status = models.TextField(db_default="queued")
    created_at = models.DateTimeField(db_default=Now())
    # default= lives in Python only. The column is NOT NULL with no
    # DEFAULT, so another service must always send it.
    attempts = models.IntegerField(default=0)
    result = models.JSONField(null=True)
# endregion
