"""Chapter 6: runs the three dashboard views with fake upstream clients
that record the order of events. Concurrency is shown by that order, never
by measuring time."""
import asyncio
import json
import threading

from asgiref.sync import async_to_sync
from django.contrib.auth.models import User
from django.test import RequestFactory, SimpleTestCase

from tests.snippets import load_snippet

views = load_snippet("06-concurrency/django/views.py")

PROFILE = {"name": "Ada"}
INVOICES = {"open": 2, "overdue_cents": 12500}
NOTES = [{"id": 1, "text": "Invoice 2024-007 is overdue"}]


class Recorder:
    """Fake upstream: every call logs when it starts and when it ends."""

    def __init__(self, log, blocking_hook=None):
        self.log = log
        self.blocking_hook = blocking_hook

    def _sync(self, name, value):
        self.log.append("start " + name)
        if self.blocking_hook:
            self.blocking_hook()
        self.log.append("end " + name)
        return value

    async def _async(self, name, value):
        self.log.append("start " + name)
        await asyncio.sleep(0)  # a network wait: hand the loop back once
        self.log.append("end " + name)
        return value

    def profile(self, uid): return self._sync("profile", PROFILE)
    def invoices(self, uid): return self._sync("invoices", INVOICES)
    def notifications(self, uid): return self._sync("notifications", NOTES)
    async def profile_async(self, uid): return await self._async("profile", PROFILE)
    async def invoices_async(self, uid): return await self._async("invoices", INVOICES)
    async def notifications_async(self, uid): return await self._async("notifications", NOTES)


def get(path):
    request = RequestFactory().get(path)
    request.user = User(id=7, username="ada")

    async def auser():  # what AuthenticationMiddleware provides (5.0+)
        return request.user

    request.auser = auser
    return request


class DashboardTests(SimpleTestCase):
    def setUp(self):
        self.log = []
        self.original = views.upstream
        views.upstream = Recorder(self.log)

    def tearDown(self):
        views.upstream = self.original

    def body(self, response):
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def test_sync_view_makes_the_calls_one_after_another(self):
        body = self.body(views.dashboard(get("/dashboard/")))
        self.assertEqual(body, {"profile": PROFILE, "invoices": INVOICES, "notifications": NOTES})
        self.assertEqual(self.log, [
            "start profile", "end profile",
            "start invoices", "end invoices",
            "start notifications", "end notifications",
        ])

    def test_async_view_starts_all_three_before_any_finishes(self):
        self.assertTrue(asyncio.iscoroutinefunction(views.dashboard_async))
        response = async_to_sync(views.dashboard_async)(get("/dashboard/"))
        body = self.body(response)
        self.assertEqual(body["notifications"], NOTES)
        self.assertEqual(self.log[:3], ["start profile", "start invoices", "start notifications"])
        self.assertEqual(sorted(self.log[3:]), ["end invoices", "end notifications", "end profile"])

    def test_gather_lets_a_failure_escape_while_the_siblings_run_on(self):
        # gather() propagates the first exception but does not cancel the
        # other calls: they run to the end, their results thrown away.
        log = self.log

        class Failing(Recorder):
            async def invoices_async(self, uid):
                log.append("start invoices")
                raise ConnectionError("invoices down")

        views.upstream = Failing(log)

        async def request_then_idle():
            try:
                await views.dashboard_async(get("/dashboard/"))
            except ConnectionError:
                log.append("view raised")
            for _ in range(3):
                await asyncio.sleep(0)

        async_to_sync(request_then_idle)()
        self.assertIn("view raised", log)
        self.assertIn("end profile", log)
        self.assertIn("end notifications", log)

    def _race_other_request(self, view, hook_waits):
        """Runs `view` beside another coroutine on the same loop (another
        request, in effect). The fake sync client marks that it started,
        then gives the other request a chance to run while it is blocked."""
        started, ticked = threading.Event(), threading.Event()
        log = self.log
        outcome = {}

        async def other_request():
            while not started.is_set():
                await asyncio.sleep(0)  # yield until the sync call is under way
            log.append("tick")
            ticked.set()

        def blocking_hook():
            started.set()
            outcome["ticked_during_call"] = ticked.wait(timeout=hook_waits)

        views.upstream = Recorder(log, blocking_hook)

        async def both():
            return await asyncio.gather(view(get("/dashboard/")), other_request())

        response, _ = async_to_sync(both)()
        return response, outcome["ticked_during_call"]

    def test_sync_client_in_async_view_stops_the_loop(self):
        # The other request gets a generous window and still cannot run:
        # the outcome does not depend on timing, only the wait's length does.
        response, ticked = self._race_other_request(views.dashboard_trap, hook_waits=0.05)
        self.assertEqual(self.body(response)["profile"], PROFILE)
        self.assertFalse(ticked)
        self.assertLess(self.log.index("end profile"), self.log.index("tick"))

    def test_sync_to_async_keeps_the_loop_running(self):
        # Same fake, run in a thread: the other request runs during the call.
        response, ticked = self._race_other_request(views.dashboard_fixed, hook_waits=5)
        self.assertEqual(self.body(response)["notifications"], NOTES)
        self.assertTrue(ticked)
        self.assertLess(self.log.index("tick"), self.log.index("end profile"))
