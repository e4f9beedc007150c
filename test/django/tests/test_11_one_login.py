"""Chapter 11: Django's sessions, password hashes and CSRF tokens, which the
TypeScript service reads.

The grader of django-session replays test/11-one-login/recorded/sessions.json
(`npm run record:sessions`). These tests re-record it in memory and fail when
the committed file is stale, run the chapter's views and settings, and check
each format fact the chapter states against the Django installed here.
"""
import base64
import hashlib
import hmac
import importlib.util
import json
import os
import sys
import zlib

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, TestCase, override_settings

from tests.fixtures import restart_ids
from tests.snippets import load_snippet

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
RECORDED = os.path.join(ROOT, "test", "11-one-login", "recorded", "sessions.json")

_spec = importlib.util.spec_from_file_location("record_sessions", os.path.join(ROOT, "scripts", "record-sessions.py"))
recorder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recorder)

views = load_snippet("11-one-login/django/views.py")
sys.modules["chapter11_urls"] = load_snippet("11-one-login/django/urls.py")
SETTINGS = recorder.chapter_settings()


def committed():
    with open(RECORDED, encoding="utf-8") as f:
        return json.load(f)


class RecordingIsCurrent(TestCase):
    def test_the_committed_recording_is_what_django_writes_now(self):
        fresh = recorder.dumps(recorder.record())
        with open(RECORDED, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text, fresh, "stale recording: run `npm run record:sessions`")

    def test_the_recording_covers_what_the_grader_attacks(self):
        r = committed()
        by_label = {s["label"]: s for s in r["sessions"]}
        self.assertGreaterEqual(len({s["username"] for s in r["sessions"]}), 5)
        self.assertEqual(by_label["dave-old-key"]["django"]["status"], 200)
        self.assertTrue(by_label["carol-compressed"]["row"]["sessionData"].startswith("."))
        self.assertEqual(by_label["erin-before-password-change"]["django"]["status"], 401)
        self.assertEqual(by_label["frank-before-rehash"]["django"]["status"], 401)
        self.assertIsNone(by_label["bob-logged-out"]["row"])
        frank = next(p for p in r["passwordChanges"] if p["username"] == "frank")
        self.assertTrue(frank["before"].startswith("pbkdf2_sha256$260000$"))
        self.assertTrue(frank["after"].startswith("pbkdf2_sha256$1000000$"))
        self.assertEqual({p["status"] for p in r["csrf"]["unsafeRequests"]}, {200, 403})


class SessionFormat(TestCase):
    """What the chapter says about session_data, checked against Django."""

    key = "chapter-11-test-key"

    def test_signature_key_and_layout(self):
        with override_settings(SECRET_KEY=self.key, SECRET_KEY_FALLBACKS=[]):
            data = SessionStore().encode({"_auth_user_id": "1"})
            payload, timestamp, sig = data.split(":")
            key = hashlib.sha256(("django.contrib.sessions.SessionStore" + "signer" + self.key).encode()).digest()
            mac = hmac.new(key, f"{payload}:{timestamp}".encode(), hashlib.sha256).digest()
            self.assertEqual(sig, base64.urlsafe_b64encode(mac).rstrip(b"=").decode())
            self.assertEqual(len(sig), 43)
            raw = payload.encode()
            body = base64.urlsafe_b64decode(raw.lstrip(b".") + b"=" * (-len(raw.lstrip(b".")) % 4))
            if payload.startswith("."):
                body = zlib.decompress(body)
            self.assertEqual(body, b'{"_auth_user_id":"1"}')

    def test_compression_only_when_shorter(self):
        with override_settings(SECRET_KEY=self.key, SECRET_KEY_FALLBACKS=[]):
            self.assertFalse(SessionStore().encode({"a": 1}).startswith("."))
            self.assertTrue(SessionStore().encode({"a": "x" * 200}).startswith("."))

    def test_a_login_session_is_compressed(self):
        user = User.objects.create_user("compressed-check")
        client = Client()
        client.force_login(user)
        self.assertTrue(SessionStore(client.cookies["sessionid"].value).session_key)
        from django.contrib.sessions.models import Session
        self.assertTrue(Session.objects.get().session_data.startswith("."))

    def test_fallback_keys_are_tried_and_the_timestamp_is_not(self):
        with override_settings(SECRET_KEY="old", SECRET_KEY_FALLBACKS=[]):
            data = SessionStore().encode({"k": "v"})
        with override_settings(SECRET_KEY="new", SECRET_KEY_FALLBACKS=["old"]):
            self.assertEqual(SessionStore().decode(data), {"k": "v"})
        with override_settings(SECRET_KEY="new", SECRET_KEY_FALLBACKS=[]):
            self.assertEqual(SessionStore().decode(data), {})  # BadSignature → empty session
            with self.assertRaises(signing.BadSignature):
                signing.loads(data, salt="django.contrib.sessions.SessionStore")

    def test_session_auth_hash(self):
        user = User(password="pbkdf2_sha256$1000000$salt$hash")
        with override_settings(SECRET_KEY=self.key):
            key = hashlib.sha256(("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash" + self.key).encode()).digest()
            self.assertEqual(user.get_session_auth_hash(), hmac.new(key, user.password.encode(), hashlib.sha256).hexdigest())


class PasswordHashes(TestCase):
    def test_django_5_2_runs_a_million_iterations(self):
        self.assertEqual(PBKDF2PasswordHasher.iterations, 1_000_000)

    def test_recorded_hashes_verify_with_django(self):
        r = committed()
        with override_settings(PASSWORD_HASHERS=SETTINGS["PASSWORD_HASHERS"]):
            for user in r["users"][:2]:
                self.assertTrue(check_password(user["password"], user["encoded"]))
            frank = next(p for p in r["passwordChanges"] if p["username"] == "frank")
            self.assertTrue(check_password(frank["password"], frank["before"]))

    def test_layout(self):
        encoded = PBKDF2PasswordHasher().encode("pw", "somesalt", iterations=1000)
        algorithm, iterations, salt, b64 = encoded.split("$")
        self.assertEqual((algorithm, iterations, salt), ("pbkdf2_sha256", "1000", "somesalt"))
        self.assertEqual(base64.b64decode(b64), hashlib.pbkdf2_hmac("sha256", b"pw", b"somesalt", 1000))


class CsrfMask(TestCase):
    def test_unmasking_is_subtraction_modulo_62(self):
        chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        r = committed()
        for token in r["csrf"]["tokens"]:
            mask, cipher = token[:32], token[32:]
            plain = "".join(chars[(chars.index(c) - chars.index(m)) % 62] for c, m in zip(cipher, mask))
            self.assertEqual(plain, r["csrf"]["cookie"])
            self.assertEqual(_unmask_cipher_token(token), plain)


class ChapterSettingsFile(TestCase):
    def test_the_chapter_settings_file_is_what_the_recording_and_these_tests_run(self):
        # recorder.chapter_settings() loaded it (with the recording's keys in the environment).
        settings = load_snippet("11-one-login/django/settings.py")
        for name, value in SETTINGS.items():
            if name != "ROOT_URLCONF":
                self.assertEqual(getattr(settings, name), value, name)
        self.assertIn("SESSION_ENGINE", SETTINGS)


@override_settings(**SETTINGS)
class ChapterViews(TestCase):
    def setUp(self):
        restart_ids(User)
        # A cheap PBKDF2 hash (1,000 iterations): the chapter's hasher list
        # verifies it, and Django re-hashes it at the first login.
        self.alice = User.objects.create_user("alice")
        self.alice.password = PBKDF2PasswordHasher().encode("alice-pw", "chapter11salt", iterations=1000)
        self.alice.save()

    def client_with_token(self):
        client = Client(enforce_csrf_checks=True)
        token = client.get("/api/csrf/").json()["csrfToken"]
        self.assertEqual(len(token), 64)
        self.assertEqual(len(client.cookies["csrftoken"].value), 32)
        return client, token

    def post(self, client, path, body, token=None):
        extra = {} if token is None else {"HTTP_X_CSRFTOKEN": token}
        return client.post(path, json.dumps(body), content_type="application/json", **extra)

    def test_login_needs_the_csrf_token(self):
        client, token = self.client_with_token()
        self.assertEqual(self.post(client, "/api/login/", {"username": "alice", "password": "alice-pw"}).status_code, 403)
        response = self.post(client, "/api/login/", {"username": "alice", "password": "alice-pw"}, token)
        self.assertEqual(response.json(), {"id": 1, "username": "alice"})
        self.assertEqual(client.get("/api/me/").json(), {"id": 1, "username": "alice"})

    def test_wrong_password_and_anonymous(self):
        client, token = self.client_with_token()
        self.assertEqual(self.post(client, "/api/login/", {"username": "alice", "password": "nope"}, token).status_code, 400)
        self.assertEqual(client.get("/api/me/").status_code, 401)
        self.assertEqual(client.post("/api/remember/", "{}", content_type="application/json").status_code, 403)

    def test_changing_the_password_keeps_this_session_and_ends_the_others(self):
        other, token = self.client_with_token()
        self.post(other, "/api/login/", {"username": "alice", "password": "alice-pw"}, token)
        client, token = self.client_with_token()
        self.post(client, "/api/login/", {"username": "alice", "password": "alice-pw"}, token)
        token = client.get("/api/csrf/").json()["csrfToken"]  # login rotated the CSRF secret
        response = self.post(client, "/api/password/", {"old": "alice-pw", "new": "alice-pw-2"}, token)
        self.assertEqual(response.json(), {"changed": True})
        self.assertEqual(client.get("/api/me/").status_code, 200)
        self.assertEqual(other.get("/api/me/").status_code, 401)

    def test_remember_and_logout(self):
        client, token = self.client_with_token()
        self.post(client, "/api/login/", {"username": "alice", "password": "alice-pw"}, token)
        token = client.get("/api/csrf/").json()["csrfToken"]
        self.assertEqual(self.post(client, "/api/remember/", {"recent": [1, 2]}, token).json(), {"remembered": 2})
        self.assertEqual(self.post(client, "/api/logout/", {}, token).json(), {"logged_out": True})
        self.assertEqual(client.get("/api/me/").status_code, 401)
