"""Chapter 7: how a Django test reaches the hidden inputs of views.py.
(The chapter's own test module runs these TestCases.)"""
import datetime
import json
from unittest import mock

import time_machine
from django.test import RequestFactory, TestCase, override_settings

from invoices import views
from tests.fixtures import seed

UTC = datetime.timezone.utc


# region patch-clock
@override_settings(INVOICE_DUE_DAYS=30)
class OverdueTests(TestCase):
    def setUp(self):
        self.alice, _bob, self.invoices = seed()

    def get(self, view):
        request = RequestFactory().get("/invoices/overdue/")
        request.user = self.alice
        return json.loads(view(request).content)

    @mock.patch("django.utils.timezone.now")
    def test_overdue_the_day_after_it_falls_due(self, now):
        now.return_value = datetime.datetime(2026, 3, 4, tzinfo=UTC)
        body = self.get(views.overdue)
        inv2 = self.invoices[1]
        self.assertEqual(body["invoices"], [{"id": inv2.pk, "number": "INV-002"}])
# endregion

    @mock.patch("django.utils.timezone.now")
    def test_not_overdue_on_the_day_it_falls_due(self, now):
        now.return_value = datetime.datetime(2026, 3, 3, 23, 59, tzinfo=UTC)
        body = self.get(views.overdue)
        self.assertEqual(body, {"asOf": "2026-03-03", "invoices": []})

    # region wrong-name
    @mock.patch("django.utils.timezone.now")
    def test_patching_the_original_misses_a_from_import(self, now):
        now.return_value = datetime.datetime(2026, 3, 1, tzinfo=UTC)
        # overdue_count did `from django.utils.timezone import now`:
        # it holds its own reference, so it still sees the real date.
        self.assertEqual(self.get(views.overdue_count), {"overdue": 1})

    def test_patch_where_the_name_is_looked_up(self):
        with mock.patch.object(views, "now") as now:
            now.return_value = datetime.datetime(2026, 3, 1, tzinfo=UTC)
            self.assertEqual(self.get(views.overdue_count), {"overdue": 0})
    # endregion

    def test_due_days_come_from_settings(self):
        with mock.patch("django.utils.timezone.now") as now:
            now.return_value = datetime.datetime(2026, 3, 4, tzinfo=UTC)
            with override_settings(INVOICE_DUE_DAYS=60):
                self.assertEqual(self.get(views.overdue)["invoices"], [])


# region time-machine
@override_settings(INVOICE_DUE_DAYS=30)
class OverdueTimeMachineTests(TestCase):
    def setUp(self):
        self.alice, _bob, self.invoices = seed()

    def get(self, view):
        request = RequestFactory().get("/invoices/overdue/")
        request.user = self.alice
        return json.loads(view(request).content)

    @time_machine.travel(datetime.datetime(2026, 3, 4, tzinfo=UTC), tick=False)
    def test_overdue_the_day_after_it_falls_due(self):
        body = self.get(views.overdue)
        self.assertEqual(body["asOf"], "2026-03-04")
        self.assertEqual([i["number"] for i in body["invoices"]], ["INV-002"])

    @time_machine.travel(datetime.datetime(2026, 3, 1, tzinfo=UTC), tick=False)
    def test_every_name_for_now_sees_the_same_date(self):
        # No patch target to get wrong: the clock itself moved.
        self.assertEqual(self.get(views.overdue_count), {"overdue": 0})
# endregion


# region patch-client
class MarkPaidTests(TestCase):
    def setUp(self):
        self.alice, _bob, self.invoices = seed()

    def post(self, pk):
        request = RequestFactory().post(f"/invoices/{pk}/pay/")
        request.user = self.alice
        return views.mark_paid(request, pk=pk)

    @override_settings(RECEIPTS_URL="http://fake-receipts.test")
    def test_override_settings_is_too_late_for_the_client(self):
        # receipts was built at import time; it kept the old URL.
        self.assertIn("receipts.internal", views.receipts.base_url)

    @mock.patch.object(views, "receipts")
    def test_marks_paid_and_sends_a_receipt(self, receipts):
        response = self.post(self.invoices[1].pk)
        self.assertEqual(response.status_code, 200)
        receipts.send.assert_called_once()
        self.assertEqual(receipts.send.call_args.args[0].number, "INV-002")
# endregion

    @mock.patch.object(views, "receipts")
    def test_refuses_an_invoice_that_is_not_sent(self, receipts):
        response = self.post(self.invoices[2].pk)
        self.assertEqual(response.status_code, 409)
        receipts.send.assert_not_called()
