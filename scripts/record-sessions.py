#!/usr/bin/env python3
"""Records real Django logins for chapter 11's grader (django-session).

Run it with the project's virtualenv against a throwaway PostgreSQL:

    npm run record:sessions

(which starts the cluster, runs `.venv/bin/python scripts/record-sessions.py`
and stops it). It builds a fresh test database with Django's migrations,
creates users with Django 5.2's default PBKDF2 hashes, logs them in through
chapter 11's views (content/11-one-login/django/) with Django's test client
and CSRF checks on, and writes test/11-one-login/recorded/sessions.json:
the users as stored, every django_session row as Django wrote it, the CSRF
cookie and masked tokens, and what Django answered for each cookie.

The recording is deterministic: Django's clock, its signing timestamp and
its random strings (session keys, salts, CSRF secrets and masks) are fixed
for the run, so the same Django writes the same bytes.
test/django/tests/test_11_one_login.py re-records in memory and fails when
the committed file is stale (another Django version, a changed view).
"""
import datetime
import json
import os
import random
import secrets
import sys
from types import SimpleNamespace
from unittest import mock

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "test", "11-one-login", "recorded", "sessions.json")

# Throwaway keys, for this recording only. The old key signs the sessions
# made before the rotation; after it, SECRET_KEY_FALLBACKS still accepts them.
SECRET_KEY = "chapter-11-recording-only-3f9c1e0b7a5d4c2e8b6a9f1d0c7e5b3a"
OLD_SECRET_KEY = "chapter-11-recording-only-old-8e2d6b4a0c9f7e5d3b1a8c6e4f2d0b9a"
RECORDED_AT = datetime.datetime(2026, 12, 1, 9, 0, 0, tzinfo=datetime.timezone.utc)
SEED = 11

PASSWORDS = {
    "alice": "correct horse battery staple",
    "bob": "bob-Passw0rd!",
    "carol": "käsekuchen ünd crème brûlée",  # non-ASCII: UTF-8 into PBKDF2
    "dave": "dave-before-the-rotation",
    "erin": "erin-first-password",
    "frank": "frank-since-django-3.2",
    "grace": "grace-until-deactivated",
}
NEW_PASSWORDS = {"erin": "erin-second-password"}
DJANGO_32_ITERATIONS = 260_000


def _setup_django():
    sys.path.insert(0, os.path.join(ROOT, "test", "django"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djcheck.settings")
    import django

    django.setup()


def chapter_settings():
    """The chapter's settings fragment (content/11-one-login/django/settings.py),
    read with this recording's keys in the environment."""
    from tests.snippets import load_snippet

    saved = {k: os.environ.get(k) for k in ("DJANGO_SECRET_KEY", "DJANGO_OLD_SECRET_KEYS")}
    os.environ["DJANGO_SECRET_KEY"] = SECRET_KEY
    os.environ["DJANGO_OLD_SECRET_KEYS"] = OLD_SECRET_KEY
    try:
        module = load_snippet("11-one-login/django/settings.py")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    values = {name: getattr(module, name) for name in dir(module) if name.isupper()}
    values["ROOT_URLCONF"] = "chapter11_urls"
    return values


def record():
    """Logs the users in and returns the recording (a dict)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core import signing
    from django.test import Client, override_settings
    from django.utils import crypto

    from tests.fixtures import restart_ids
    from tests.snippets import load_snippet

    sys.modules["chapter11_urls"] = load_snippet("11-one-login/django/urls.py")
    settings = chapter_settings()
    rng = random.Random(SEED)
    fixed_random = SimpleNamespace(choice=rng.choice, compare_digest=secrets.compare_digest)
    fixed_timestamp = signing.b62_encode(int(RECORDED_AT.timestamp()))

    with mock.patch.object(crypto, "secrets", fixed_random), \
            mock.patch("django.utils.timezone.now", lambda: RECORDED_AT), \
            mock.patch.object(signing.TimestampSigner, "timestamp", lambda self: fixed_timestamp), \
            override_settings(**settings):
        restart_ids(User)
        users = {}
        for name, password in PASSWORDS.items():
            users[name] = User.objects.create_user(name, email=f"{name}@example.test", password=password)
        # frank's hash is as Django 3.2 wrote it: 260,000 iterations.
        frank = users["frank"]
        hasher = PBKDF2PasswordHasher()
        frank.password = hasher.encode(PASSWORDS["frank"], hasher.salt(), iterations=DJANGO_32_ITERATIONS)
        frank.save(update_fields=["password"])
        history = {"frank": {"before": frank.password}, "erin": {"before": users["erin"].password}}
        assert users["alice"].password == User.objects.get(username="alice").password
        assert make_password  # the hasher Django uses by default, via create_user

        def client():
            return Client(enforce_csrf_checks=True)

        def csrf_token(c):
            return c.get("/api/csrf/").json()["csrfToken"]

        def post(c, path, body, token=None):
            headers = {} if token is None else {"HTTP_X_CSRFTOKEN": token}
            return c.post(path, json.dumps(body), content_type="application/json", **headers)

        def log_in(name, password=None):
            c = client()
            response = post(c, "/api/login/", {"username": name, "password": password or PASSWORDS[name]}, csrf_token(c))
            assert response.status_code == 200, (name, response.status_code, response.content)
            return c

        sessions = []  # (label, user, client or key, note)

        # dave logs in before the key rotation: signed with the old key.
        with override_settings(SECRET_KEY=OLD_SECRET_KEY, SECRET_KEY_FALLBACKS=[]):
            dave = log_in("dave")
        sessions.append(("dave-old-key", "dave", dave.cookies["sessionid"].value,
                         "signed and hashed with the old SECRET_KEY, now in SECRET_KEY_FALLBACKS"))

        alice = log_in("alice")
        sessions.append(("alice", "alice", alice.cookies["sessionid"].value, "a plain login"))

        bob_gone = log_in("bob")
        bob_gone_key = bob_gone.cookies["sessionid"].value
        bob = log_in("bob")
        sessions.append(("bob", "bob", bob.cookies["sessionid"].value, "bob's second session, still live"))

        carol = log_in("carol")
        recent = [{"sku": f"SKU-{i:04d}", "viewed": "2026-11-30"} for i in range(30)]
        assert post(carol, "/api/remember/", {"recent": recent}, csrf_token(carol)).status_code == 200
        sessions.append(("carol-compressed", "carol", carol.cookies["sessionid"].value,
                         "30 remembered items: zlib-compressed session data ('.' prefix)"))

        erin_old = log_in("erin")
        erin = log_in("erin")
        changed = post(erin, "/api/password/", {"old": PASSWORDS["erin"], "new": NEW_PASSWORDS["erin"]}, csrf_token(erin))
        assert changed.status_code == 200, changed.content
        sessions.append(("erin-before-password-change", "erin", erin_old.cookies["sessionid"].value,
                         "made before erin changed her password elsewhere: its hash is stale"))
        sessions.append(("erin-after-password-change", "erin", erin.cookies["sessionid"].value,
                         "the session that changed the password (update_session_auth_hash)"))

        frank_old = client()
        frank_old.force_login(User.objects.get(username="frank"))
        frank_new = log_in("frank")  # authenticate() re-hashes with 1,000,000 iterations
        sessions.append(("frank-before-rehash", "frank", frank_old.cookies["sessionid"].value,
                         "made while frank's hash had 260,000 iterations; his next login re-hashed it"))
        sessions.append(("frank-after-rehash", "frank", frank_new.cookies["sessionid"].value,
                         "the login that re-hashed the password"))

        grace = log_in("grace")
        User.objects.filter(username="grace").update(is_active=False)
        sessions.append(("grace-inactive", "grace", grace.cookies["sessionid"].value,
                         "grace was deactivated after logging in"))

        assert post(bob_gone, "/api/logout/", {}, csrf_token(bob_gone)).status_code == 200
        sessions.append(("bob-logged-out", "bob", bob_gone_key, "logged out: Django deleted the row"))

        # The database as Django left it, before any check below touches it.
        rows = {s.session_key: s for s in Session.objects.all()}
        final_users = list(User.objects.order_by("id"))
        history["frank"]["after"] = User.objects.get(username="frank").password
        history["erin"]["after"] = User.objects.get(username="erin").password

        # CSRF: alice's cookie secret and three masked tokens for it.
        csrf_cookie = alice.cookies["csrftoken"].value
        tokens = [csrf_token(alice) for _ in range(3)]
        assert alice.cookies["csrftoken"].value == csrf_cookie
        other_token = csrf_token(bob)

        # What Django answers for each cookie (fresh clients: nothing else sent).
        recorded_sessions = []
        for label, name, key, note in sessions:
            row = rows.get(key)
            c = client()
            c.cookies["sessionid"] = key
            response = c.get("/api/me/")
            recorded_sessions.append({
                "label": label,
                "username": name,
                "note": note,
                "sessionKey": key,
                "row": None if row is None else {
                    "sessionData": row.session_data,
                    "expireDate": row.expire_date.isoformat().replace("+00:00", "Z"),
                    "decoded": SessionStore().decode(row.session_data),
                },
                "django": {"status": response.status_code, "body": response.json()},
            })

        # Unsafe requests with alice's session: which tokens Django accepts.
        posts = []
        for label, header in [
            ("masked token 1", tokens[0]),
            ("masked token 2", tokens[1]),
            ("the cookie's secret itself", csrf_cookie),
            ("no X-CSRFToken header", None),
            ("a token for bob's secret", other_token),
            ("a masked token with one character changed", tokens[2][:40] + ("a" if tokens[2][40] != "a" else "b") + tokens[2][41:]),
            ("a token one character short", tokens[2][:-1]),
            ("a token with a character outside a-zA-Z0-9", tokens[2][:-1] + "-"),
        ]:
            c = client()
            c.cookies["sessionid"] = alice.cookies["sessionid"].value
            c.cookies["csrftoken"] = csrf_cookie
            response = post(c, "/api/remember/", {"recent": []}, header)
            posts.append({"label": label, "header": header, "status": response.status_code})

    import django

    return {
        "django": django.get_version(),
        "recordedAt": RECORDED_AT.isoformat().replace("+00:00", "Z"),
        "secretKey": SECRET_KEY,
        "secretKeyFallbacks": [OLD_SECRET_KEY],
        "users": [
            {
                "id": u.id,
                "username": u.username,
                "password": NEW_PASSWORDS.get(u.username, PASSWORDS[u.username]),
                "encoded": u.password,
                "isActive": u.is_active,
            }
            for u in final_users
        ],
        "passwordChanges": [
            {"username": name, "password": PASSWORDS[name], "before": h["before"], "after": h["after"],
             "newPassword": NEW_PASSWORDS.get(name, PASSWORDS[name])}
            for name, h in history.items()
        ],
        "sessions": recorded_sessions,
        "csrf": {"cookie": csrf_cookie, "tokens": tokens, "unsafeRequests": posts},
    }


def dumps(recording):
    return json.dumps(recording, indent=2, ensure_ascii=False) + "\n"


def main():
    _setup_django()
    import django
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0)
    try:
        recording = record()
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(dumps(recording))
    print(f"recorded {len(recording['sessions'])} sessions from Django {django.get_version()} to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
