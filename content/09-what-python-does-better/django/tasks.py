"""Chapter 9: slow work off the request, with Django's task API.

django.tasks is built into Django 6.0. On Django 5.2 LTS the same API is
the django-tasks package (the reference implementation it was merged
from), imported as django_tasks. Executed by test/django/tests/test_09_jobs.py.
"""
from functools import partial

from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.http import require_POST
# Django 6.0+: from django.tasks import task
from django_tasks import task

from forecasts.views import predict
from jobs.models import Job


# region task
@task()
def run_job(job_id):
    with transaction.atomic():
        # SKIP LOCKED: two workers never claim the same row.
        job = (
            Job.objects.select_for_update(skip_locked=True)
            .filter(pk=job_id, status="queued")
            .first()
        )
        if job is None:
            return None  # another worker has it, or it is done
        job.attempts += 1
        job.result = predict(job.payload["customer_id"])
        job.status = "done"
        job.save()
        return job.status
# endregion


# region enqueue
@require_POST
def request_forecast(request, customer_id):
    job = Job.objects.create(
        kind="forecast", payload={"customer_id": customer_id}
    )
    # After COMMIT, or a worker may look before the row exists.
    transaction.on_commit(partial(run_job.enqueue, job.pk))
    return JsonResponse(
        {"job_id": job.pk, "status": job.status}, status=202
    )
# endregion
