"""Chapter 13: the task that mails an invoice, and its enqueue on commit,
executed with django-tasks (Django 6.0's django.tasks on 5.2 LTS) and its
default ImmediateBackend, which runs a task as soon as it is enqueued.

The mail provider is a fake that records what it was asked to send. The
concurrent duplicate runs on two real connections (TransactionTestCase,
two threads): select_for_update is what makes the second one wait.
"""
import datetime
import threading
import time
from unittest import mock

from django.db import IntegrityError, connection, transaction
from django.test import TestCase, TransactionTestCase
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResultStatus

from billing.models import Customer, Invoice
from tests.fixtures import seed
from tests.snippets import load_snippet

tasks = load_snippet("13-background-jobs/django/tasks.py")


class FakeMailer:
    def __init__(self, fail=0, pause=0.0):
        self.sent = []
        self.fail = fail
        self.pause = pause
        self.lock = threading.Lock()

    def send(self, *, idempotency_key, number, total_cents):
        time.sleep(self.pause)
        with self.lock:
            if self.fail > 0:
                self.fail -= 1
                raise ConnectionError("mail provider: 503")
            self.sent.append((idempotency_key, number, total_cents))


class EnqueueOnCommitTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.acme = Customer.objects.get(name="Acme Corp")
        self.mailer = FakeMailer()
        patcher = mock.patch.object(tasks, "mailer", self.mailer)
        patcher.start()
        self.addCleanup(patcher.stop)

    def create(self, number="INV-100"):
        return tasks.create_invoice(self.alice, self.acme, number, 4200, datetime.date(2026, 5, 1))

    def test_nothing_is_enqueued_before_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            invoice = self.create()
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(self.mailer.sent, [])
        self.assertEqual(Invoice.objects.get(pk=invoice.pk).status, "draft")

    def test_after_commit_the_task_runs_and_mails_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            invoice = self.create()
        self.assertEqual(self.mailer.sent, [(f"send-invoice:{invoice.pk}", "INV-100", 4200)])
        self.assertEqual(Invoice.objects.get(pk=invoice.pk).status, "sent")

    def test_a_rolled_back_write_enqueues_nothing(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            with self.assertRaises(IntegrityError), transaction.atomic():
                self.create("INV-200")
                self.create("INV-200")  # the same number: (owner, number) is unique
        self.assertEqual(callbacks, [])
        self.assertFalse(Invoice.objects.filter(number="INV-200").exists())
        self.assertEqual(self.mailer.sent, [])

    def test_an_enqueue_that_fails_after_commit_leaves_an_invoice_nobody_mails(self):
        # The gap on_commit leaves: the row is committed, the queue is down.
        # (Task is a frozen dataclass: the backend's enqueue is what fails.)
        broker_down = ConnectionError("broker unreachable")
        with mock.patch.object(ImmediateBackend, "enqueue", side_effect=broker_down):
            with self.assertRaises(ConnectionError):
                with self.captureOnCommitCallbacks(execute=True):
                    invoice = self.create("INV-300")
        self.assertEqual(Invoice.objects.get(number="INV-300").status, "draft")
        self.assertEqual(self.mailer.sent, [])
        self.assertIsNotNone(invoice.pk)


class DuplicateDeliveryTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.draft = self.invoices[2]  # INV-003, a draft
        self.mailer = FakeMailer()
        patcher = mock.patch.object(tasks, "mailer", self.mailer)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_the_same_task_delivered_twice_mails_once(self):
        first = tasks.send_invoice.enqueue(self.draft.pk)
        second = tasks.send_invoice.enqueue(self.draft.pk)
        self.assertEqual((first.return_value, second.return_value), ("sent", "already sent"))
        self.assertEqual(self.mailer.sent, [(f"send-invoice:{self.draft.pk}", "INV-003", 120000)])

    def test_a_sent_or_paid_invoice_is_not_mailed(self):
        for invoice in self.invoices[:2]:  # paid, sent
            self.assertEqual(tasks.send_invoice.call(invoice.pk), "already sent")
        self.assertEqual(self.mailer.sent, [])

    def test_a_failing_mailer_rolls_back_and_the_immediate_backend_does_not_retry(self):
        self.mailer.fail = 1
        result = tasks.send_invoice.enqueue(self.draft.pk)
        # The failure is recorded on the result, not raised; nothing retries it.
        self.assertEqual(result.status, TaskResultStatus.FAILED)
        self.assertEqual(result.errors[0].exception_class, ConnectionError)
        self.assertEqual(result.attempts, 1)
        self.assertEqual(Invoice.objects.get(pk=self.draft.pk).status, "draft")
        # A second delivery (a retry you arrange) mails it.
        self.assertEqual(tasks.send_invoice.enqueue(self.draft.pk).return_value, "sent")
        self.assertEqual(len(self.mailer.sent), 1)


class ConcurrentDeliveryTests(TransactionTestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.draft = self.invoices[2]
        self.mailer = FakeMailer(pause=0.3)
        patcher = mock.patch.object(tasks, "mailer", self.mailer)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_two_workers_at_once_mail_once_select_for_update_makes_one_wait(self):
        results = []

        def worker():
            try:
                results.append(tasks.send_invoice.call(self.draft.pk))
            finally:
                connection.close()  # each thread has its own connection

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(results), ["already sent", "sent"])
        self.assertEqual(len(self.mailer.sent), 1)
        self.assertEqual(Invoice.objects.get(pk=self.draft.pk).status, "sent")
