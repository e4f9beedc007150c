"""Chapter 6: runs the async ORM views (content/06-concurrency/django/async_orm.py).

Overlap and serialisation are shown by the order of events, recorded by a
database execute_wrapper and a fake upstream, never by measuring time.
"""
import asyncio
import threading
import time

from asgiref.sync import async_to_sync
from django.core.exceptions import SynchronousOnlyOperation
from django.db import connection
from django.http import Http404
from django.test import RequestFactory, TestCase

from billing.models import Customer, Invoice
from tests.fixtures import add_line_items, seed
from tests.snippets import load_snippet

views = load_snippet("06-concurrency/django/async_orm.py")

NOTES = [{"id": 1, "text": "Invoice INV-002 is overdue"}]


class Notes:
    """Fake upstream: answers at once, handing the loop back once."""

    async def notifications_async(self, uid):
        await asyncio.sleep(0)
        return NOTES


def request_as(user, method="get"):
    request = getattr(RequestFactory(), method)("/")

    async def auser():  # what AuthenticationMiddleware provides (5.0+)
        return user

    request.user, request.auser = user, auser
    return request


class AsyncOrmTests(TestCase):
    def setUp(self):
        self.alice, self.bob, self.invoices = seed()
        self.acme = Customer.objects.get(name="Acme Corp")
        self.globex = Customer.objects.get(name="Globex")
        self.original = views.upstream
        views.upstream = Notes()

    def tearDown(self):
        views.upstream = self.original

    def test_customer_page_reads_with_aget_acount_and_async_for(self):
        self.assertTrue(asyncio.iscoroutinefunction(views.customer_page))
        with self.assertNumQueries(3):  # aget, acount, the async for
            response = async_to_sync(views.customer_page)(request_as(self.alice), self.acme.pk)
        self.assertEqual(response.status_code, 200)
        self.assertJSONEqual(response.content, {
            "name": "Acme Corp", "open": 1,
            "invoices": ["INV-001", "INV-002", "INV-003"], "notifications": NOTES,
        })

    def test_another_owners_customer_is_a_404(self):
        with self.assertRaises(Http404):
            async_to_sync(views.customer_page)(request_as(self.alice), self.globex.pk)

    def test_the_query_and_the_http_call_overlap(self):
        # The COUNT query waits (on its thread) until the upstream call has
        # answered; that can only happen if the loop runs during the query.
        log, outcome = [], {}
        query_started, answered = threading.Event(), threading.Event()

        def on_query(execute, sql, params, many, context):
            if "COUNT" not in sql.upper():
                return execute(sql, params, many, context)
            log.append("query start")
            query_started.set()
            outcome["answered_during_query"] = answered.wait(timeout=5)
            try:
                return execute(sql, params, many, context)
            finally:
                log.append("query end")

        class Waiting:
            async def notifications_async(self, uid):
                while not query_started.is_set():
                    await asyncio.sleep(0)
                log.append("upstream answered")
                answered.set()
                return NOTES

        views.upstream = Waiting()
        with connection.execute_wrapper(on_query):
            response = async_to_sync(views.customer_page)(request_as(self.alice), self.acme.pk)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(outcome["answered_during_query"])
        self.assertEqual(log, ["query start", "upstream answered", "query end"])

    def test_two_queries_in_gather_still_run_one_after_another_on_one_thread(self):
        # The async ORM is the sync ORM on one thread per connection:
        # gather() overlaps nothing between two queries.
        events = []

        def on_query(execute, sql, params, many, context):
            events.append(("start", threading.get_ident()))
            time.sleep(0.02)  # room for a parallel second query to start, if there were one
            try:
                return execute(sql, params, many, context)
            finally:
                events.append(("end", threading.get_ident()))

        async def two_counts():
            return await asyncio.gather(
                Invoice.objects.filter(status="sent").acount(),
                Customer.objects.acount(),
            )

        with connection.execute_wrapper(on_query):
            counts = async_to_sync(two_counts)()
        self.assertEqual(counts, [2, 2])
        self.assertEqual([kind for kind, _ in events], ["start", "end", "start", "end"])
        self.assertEqual(len({thread for _, thread in events}), 1)

    def test_sync_orm_calls_and_lazy_relations_still_raise_in_async_code(self):
        async def sync_call():
            return Invoice.objects.count()

        async def lazy_relation():
            invoice = await Invoice.objects.aget(number="INV-001")
            return invoice.customer.name  # not select_related: a sync query

        async def selected_relation():
            invoice = await Invoice.objects.select_related("customer").aget(number="INV-001")
            return invoice.customer.name

        for coroutine in (sync_call, lazy_relation):
            with self.subTest(coroutine.__name__), self.assertRaises(SynchronousOnlyOperation):
                async_to_sync(coroutine)()
        self.assertEqual(async_to_sync(selected_relation)(), "Acme Corp")

    def test_add_item_uses_acreate_then_a_sync_transaction(self):
        add_line_items(self.invoices)
        invoice = self.invoices[1]  # INV-002: 2 x 4495
        response = async_to_sync(views.add_item)(request_as(self.alice, "post"), invoice.pk)
        self.assertEqual(response.status_code, 200)
        self.assertJSONEqual(response.content, {"id": invoice.pk, "total_cents": 2 * 4495 + 5000})
        invoice.refresh_from_db()
        self.assertEqual(invoice.total_cents, 13990)
        self.assertEqual(invoice.items.count(), 2)

    def test_request_user_is_a_sync_lookup_in_async_code_auser_is_not(self):
        # Through the real session and auth middleware, as in production.
        from django.conf import settings
        from django.contrib.auth.middleware import AuthenticationMiddleware
        from django.contrib.sessions.middleware import SessionMiddleware

        self.client.force_login(self.alice)
        request = RequestFactory().get("/")
        request.COOKIES[settings.SESSION_COOKIE_NAME] = self.client.cookies[settings.SESSION_COOKIE_NAME].value
        SessionMiddleware(lambda r: None).process_request(request)
        AuthenticationMiddleware(lambda r: None).process_request(request)

        async def via_user():
            return request.user.id

        async def via_auser():
            return (await request.auser()).id

        with self.assertRaises(SynchronousOnlyOperation):
            async_to_sync(via_user)()
        self.assertEqual(async_to_sync(via_auser)(), self.alice.id)

    def test_transaction_atomic_is_not_for_async_code(self):
        from django.db import transaction

        async def atomic_in_async():
            with transaction.atomic():
                pass

        with self.assertRaises(SynchronousOnlyOperation):
            async_to_sync(atomic_in_async)()
