"""Chapter 6's Django side: one dashboard, three upstream calls, written
as a sync view, as an async view with asyncio.gather, and with the
sync-library trap.

Executed by test/django/tests/test_06_concurrency.py under the project's pinned Django.
The upstream clients are a module attribute the tests replace, so no
test waits on a network or a clock.
"""
import asyncio

from asgiref.sync import sync_to_async
from django.http import JsonResponse


class Upstream:
    """The real clients would use requests (sync) and httpx (async)."""

    def profile(self, user_id): raise NotImplementedError
    def invoices(self, user_id): raise NotImplementedError
    def notifications(self, user_id): raise NotImplementedError
    async def profile_async(self, user_id): raise NotImplementedError
    async def invoices_async(self, user_id): raise NotImplementedError
    async def notifications_async(self, user_id): raise NotImplementedError


upstream = Upstream()


# region sync
def dashboard(request):
    uid = request.user.id
    # Each call blocks this worker thread until it returns.
    profile = upstream.profile(uid)
    invoices = upstream.invoices(uid)
    notes = upstream.notifications(uid)
    return JsonResponse({
        "profile": profile,
        "invoices": invoices,
        "notifications": notes,
    })
# endregion


# region gather
async def dashboard_async(request):
    uid = (await request.auser()).id  # request.user would query sync
    # All three start now; the loop runs other work while they wait.
    profile, invoices, notes = await asyncio.gather(
        upstream.profile_async(uid),
        upstream.invoices_async(uid),
        upstream.notifications_async(uid),
    )
    return JsonResponse({
        "profile": profile,
        "invoices": invoices,
        "notifications": notes,
    })
# endregion


# region trap
async def dashboard_trap(request):
    uid = (await request.auser()).id
    # A sync client inside async def: the whole event loop stops
    # here, and every other request on it waits.
    profile = upstream.profile(uid)
    notes = await upstream.notifications_async(uid)
    return JsonResponse({"profile": profile, "notifications": notes})


async def dashboard_fixed(request):
    uid = (await request.auser()).id
    # Same sync client, run in a thread: the loop keeps serving.
    profile = await sync_to_async(upstream.profile)(uid)
    notes = await upstream.notifications_async(uid)
    return JsonResponse({"profile": profile, "notifications": notes})
# endregion
