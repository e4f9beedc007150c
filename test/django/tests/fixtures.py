"""The same rows the TypeScript graders seed (test/fixtures/billing.ts)."""
import datetime

from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import connection

from billing.models import Customer, Invoice, LineItem


def restart_ids(*models):
    """Makes the next id of each model's table 1 again.

    Tests assert ids (`{"id": 2, ...}`), as the TypeScript graders do on the
    same rows. On PostgreSQL a TestCase's rollback empties the tables but not
    their sequences (nextval is never rolled back), so without this the ids
    would depend on which tests ran before. Only for tables a TestCase has
    just emptied: restarting a table that still has rows would collide.
    """
    sequences = [{"table": m._meta.db_table, "column": m._meta.pk.column} for m in models]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(sql)


def seed():
    restart_ids(User, Customer, Invoice, LineItem)
    alice = User.objects.create_user("alice", password="alice-password")
    bob = User.objects.create_user("bob", password="bob-password")
    acme = Customer.objects.create(owner=alice, name="Acme Corp")
    globex = Customer.objects.create(owner=bob, name="Globex")
    rows = [
        (alice, acme, "INV-001", "paid", 15000, datetime.date(2026, 1, 15)),
        (alice, acme, "INV-002", "sent", 8990, datetime.date(2026, 2, 1)),
        (alice, acme, "INV-003", "draft", 120000, datetime.date(2026, 3, 10)),
        (bob, globex, "GLX-001", "sent", 50000, datetime.date(2026, 2, 20)),
    ]
    invoices = [
        Invoice.objects.create(owner=o, customer=c, number=n, status=s, total_cents=t, issued_on=d)
        for (o, c, n, s, t, d) in rows
    ]
    return alice, bob, invoices


def add_line_items(invoices):
    """Chapter 3's line items (test/fixtures/03-sql-first.ts). A separate
    step, so the tests of other chapters see exactly the rows they always
    did. Invoice 3 (a draft) has no items."""
    inv1, inv2, _inv3, inv4 = invoices
    return LineItem.objects.bulk_create([
        LineItem(invoice=inv1, description="Design", quantity=1, unit_price_cents=10000),
        LineItem(invoice=inv1, description="Hosting", quantity=2, unit_price_cents=2500),
        LineItem(invoice=inv2, description="Support hours", quantity=2, unit_price_cents=4495),
        LineItem(invoice=inv4, description="Consulting", quantity=1, unit_price_cents=50000),
    ])
