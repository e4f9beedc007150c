"""Chapter 13: an invoice, the task that mails it, and what a duplicate
delivery does. django.tasks is built into Django 6.0; on Django 5.2 LTS it
is the django-tasks package. Executed by
test/django/tests/test_13_background_jobs.py.
"""
from django.db import transaction
# Django 6.0+: from django.tasks import task
from django_tasks import task

from billing.models import Invoice


class Mailer:
    """Your mail provider's client (Postmark, SES, Resend…). The tests
    replace it with a fake that records what it was asked to send."""

    def send(self, *, idempotency_key, number, total_cents):
        raise NotImplementedError("configure a mail provider")


mailer = Mailer()


# region task
@task()
def send_invoice(invoice_id):
    with transaction.atomic():
        # The row is the idempotency record. A second delivery waits
        # on this lock, then finds no draft: nothing to send.
        invoice = (
            Invoice.objects.select_for_update()
            .filter(pk=invoice_id, status=Invoice.Status.DRAFT)
            .first()
        )
        if invoice is None:
            return "already sent"
        mailer.send(
            idempotency_key=f"send-invoice:{invoice_id}",
            number=invoice.number,
            total_cents=invoice.total_cents,
        )
        invoice.status = Invoice.Status.SENT
        invoice.save(update_fields=["status"])
    return "sent"
# endregion


# region enqueue
def create_invoice(owner, customer, number, total_cents, issued_on):
    with transaction.atomic():
        invoice = Invoice.objects.create(
            owner=owner, customer=customer, number=number,
            total_cents=total_cents, issued_on=issued_on,
        )
        # Runs after COMMIT; never if the transaction rolls back.
        transaction.on_commit(lambda: send_invoice.enqueue(invoice.pk))
    return invoice
# endregion
