"""Chapter 8: a `manage.py shell` session, kept as a function so that the
guide's tests can run it. In real life nobody keeps it: that is the point.
"""
import datetime

from billing.models import Invoice


def session():
    # region session
    today = datetime.date(2026, 3, 15)
    cutoff = today - datetime.timedelta(days=30)
    overdue = Invoice.objects.filter(status="sent", issued_on__lt=cutoff)
    print([i.number for i in overdue])
    # endregion
