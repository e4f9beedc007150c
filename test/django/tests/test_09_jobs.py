"""Chapter 9: the jobs table (db_default) and Django's task API, executed.

The TypeScript service is played by plain SQL through the same connection:
an INSERT that names only the columns it knows, as a second service would.
"""
import sys
import types

from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory, TestCase

from billing.models import Customer
from jobs.models import Job
from tests.fixtures import seed
from tests.snippets import load_snippet

jobs_snippet = load_snippet("09-what-python-does-better/django/jobs.py")
views = load_snippet("09-what-python-does-better/django/views.py")

# tasks.py says `from forecasts.views import predict`: make that import work.
forecasts = types.ModuleType("forecasts")
forecasts.views = views
sys.modules["forecasts"] = forecasts
sys.modules["forecasts.views"] = views
tasks = load_snippet("09-what-python-does-better/django/tasks.py")


def insert_from_another_service(columns, values):
    names = ", ".join(columns)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO jobs_job ({names}) VALUES ({marks})", values)


class DbDefaultTests(TestCase):
    def test_the_app_model_is_the_chapter_snippet(self):
        self.assertIs(Job, jobs_snippet.Job)
        self.assertEqual(Job._meta.db_table, "jobs_job")

    def test_db_default_is_in_the_ddl_so_a_raw_insert_gets_it(self):
        insert_from_another_service(["kind", "payload", "attempts"], ["forecast", '{"customer_id": 1}', 0])
        job = Job.objects.get()
        self.assertEqual(job.status, "queued")
        self.assertIsNotNone(job.created_at)

    def test_python_default_is_not_in_the_ddl_so_a_raw_insert_fails(self):
        # attempts has default=0 in Python only: the column has no DEFAULT.
        with self.assertRaises(IntegrityError), transaction.atomic():
            insert_from_another_service(["kind", "payload"], ["forecast", '{"customer_id": 1}'])

    def test_the_orm_gets_both_defaults_and_reads_the_db_default_back(self):
        job = Job.objects.create(kind="forecast", payload={"customer_id": 1})
        # Fetched with RETURNING on PostgreSQL and SQLite 3.35+, not left unset.
        self.assertEqual(job.status, "queued")
        self.assertEqual(job.attempts, 0)


class TaskTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.acme = Customer.objects.get(name="Acme Corp")

    def test_the_view_answers_202_and_enqueues_only_after_commit(self):
        request = RequestFactory().post("/")
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            response = tasks.request_forecast(request, self.acme.pk)
            self.assertEqual(response.status_code, 202)
            job = Job.objects.get()
            self.assertJSONEqual(response.content, {"job_id": job.pk, "status": "queued"})
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(Job.objects.get().status, "queued")  # nothing ran before COMMIT

    def test_the_task_runs_the_job_once_on_commit(self):
        # The default backend (ImmediateBackend) runs a task when it is enqueued.
        with self.captureOnCommitCallbacks(execute=True):
            tasks.request_forecast(RequestFactory().post("/"), self.acme.pk)
        job = Job.objects.get()
        self.assertEqual(job.status, "done")
        self.assertEqual(job.attempts, 1)
        self.assertEqual(job.result, views.predict(self.acme.pk))

    def test_a_job_inserted_by_the_other_service_is_claimed_by_id(self):
        insert_from_another_service(["kind", "payload", "attempts"], ["forecast", f'{{"customer_id": {self.acme.pk}}}', 0])
        job = Job.objects.get()
        result = tasks.run_job.enqueue(job.pk)
        self.assertEqual(result.return_value, "done")
        again = tasks.run_job.enqueue(job.pk)  # already done: nothing to claim
        self.assertIsNone(again.return_value)
        self.assertEqual(Job.objects.get().attempts, 1)

    def test_task_arguments_must_be_json(self):
        # A task's arguments are stored by the backend, so a model instance is refused.
        with self.assertRaises(TypeError):
            tasks.run_job.enqueue(Job(kind="x", payload={}))
