"""Chapter 14: gunicorn's config file validated by gunicorn itself, Django's
LOGGING dict applied with dictConfig and read back as JSON lines, and the
health and readiness views run through Django's test client."""
import io
import json
import logging
import logging.config
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from unittest import mock

from django.db import OperationalError
from django.test import SimpleTestCase, override_settings
from gunicorn.config import Config

from tests.snippets import load_snippet

conf = load_snippet("14-running-it/django/gunicorn.conf.py")
logging_config = load_snippet("14-running-it/django/logging_config.py")
health = load_snippet("14-running-it/django/health.py")

sys.modules["chapter14_urls"] = health
sys.modules["chapter14_logging"] = logging_config


class GunicornConfigTests(SimpleTestCase):
    def load(self):
        cfg = Config()
        names = [n for n in vars(conf) if not n.startswith("_") and n != "multiprocessing"]
        unknown = [n for n in names if n not in cfg.settings]
        self.assertEqual(unknown, [], "every name in gunicorn.conf.py is a gunicorn setting")
        for name in names:
            cfg.set(name, getattr(conf, name))  # gunicorn's own validation
        return cfg

    def test_settings_are_gunicorns_and_valid(self):
        cfg = self.load()
        self.assertEqual(cfg.worker_class_str, "gthread")
        self.assertGreaterEqual(cfg.workers, 3)
        self.assertEqual(cfg.threads, 4)
        self.assertEqual(cfg.address, [("0.0.0.0", 8000)])

    def test_graceful_timeout_fits_inside_the_worker_timeout(self):
        cfg = self.load()
        self.assertEqual((cfg.graceful_timeout, cfg.timeout, cfg.keepalive), (25, 30, 5))
        self.assertLess(cfg.graceful_timeout, cfg.timeout)
        self.assertEqual((cfg.max_requests, cfg.max_requests_jitter), (1000, 100))

    def test_a_typo_is_caught_by_the_same_check(self):
        cfg = Config()
        self.assertNotIn("graceful_timout", cfg.settings)
        with self.assertRaises(ValueError):
            cfg.set("timeout", "thirty")


SLOW_APP = """
import time

def app(environ, start_response):
    time.sleep(float(environ.get("QUERY_STRING") or 0))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"done"]
"""


class GunicornDrainTests(SimpleTestCase):
    """gunicorn with this config file, one worker, a real SIGTERM."""

    def test_sigterm_lets_the_request_in_flight_finish_then_refuses_and_exits_0(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "slow.py"), "w") as f:
                f.write(SLOW_APP)
            proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", conf.__file__, "--bind", f"127.0.0.1:{port}",
                 "--workers", "1", "--chdir", tmp, "slow:app"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                deadline = time.monotonic() + 20
                while True:
                    try:
                        socket.create_connection(("127.0.0.1", port), timeout=1).close()
                        break
                    except OSError:
                        self.assertLess(time.monotonic(), deadline, "gunicorn did not start")
                        time.sleep(0.1)
                got = {}

                def call():
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/?1.0", timeout=15) as r:
                        got["status"], got["body"] = r.status, r.read()

                client = threading.Thread(target=call)
                client.start()
                time.sleep(0.4)  # the request is in the worker
                proc.send_signal(signal.SIGTERM)
                client.join(15)
                self.assertEqual(got, {"status": 200, "body": b"done"})
                self.assertEqual(proc.wait(timeout=30), 0)
                with self.assertRaises(ConnectionRefusedError):
                    socket.create_connection(("127.0.0.1", port), timeout=1)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                proc.stderr.close()


MIDDLEWARE = ["chapter14_logging.RequestIdMiddleware"]


@override_settings(ROOT_URLCONF="chapter14_urls", MIDDLEWARE=MIDDLEWARE)
class JsonLoggingTests(SimpleTestCase):
    def setUp(self):
        root = logging.getLogger()
        self.saved = (root.handlers[:], root.level)
        self.out = io.StringIO()
        with mock.patch.object(sys, "stdout", self.out):
            logging.config.dictConfig(logging_config.LOGGING)

    def tearDown(self):
        root = logging.getLogger()
        root.handlers[:], level = self.saved
        root.setLevel(level)

    def lines(self):
        return [json.loads(line) for line in self.out.getvalue().splitlines()]

    def test_each_line_is_json_with_the_request_id(self):
        response = self.client.get("/invoices/7", HTTP_X_REQUEST_ID="edge-42")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Request-Id"], "edge-42")
        [line] = [l for l in self.lines() if l["logger"] == "api"]
        self.assertEqual(line["msg"], "invoice shown")
        self.assertEqual(line["level"], "info")
        self.assertEqual(line["request_id"], "edge-42")
        self.assertEqual(line["invoice_id"], 7)

    def test_overlapping_requests_do_not_share_an_id(self):
        first = self.client.get("/invoices/1")
        second = self.client.get("/invoices/2", HTTP_X_REQUEST_ID="a b")  # malformed: replaced
        ids = [l["request_id"] for l in self.lines() if l["logger"] == "api"]
        self.assertEqual(ids, [first["X-Request-Id"], second["X-Request-Id"]])
        self.assertNotEqual(ids[0], ids[1])
        self.assertNotEqual(ids[1], "a b")

    def test_outside_a_request_the_id_is_a_dash_and_sql_is_not_logged(self):
        logging.getLogger("api").info("started")
        logging.getLogger("django.db.backends").debug("SELECT 1")
        lines = self.lines()
        self.assertEqual([(l["msg"], l["request_id"]) for l in lines], [("started", "-")])

    def test_an_exception_goes_in_one_field(self):
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("api").exception("failed")
        [line] = self.lines()
        self.assertEqual(line["level"], "error")
        self.assertIn("ValueError: boom", line["exc"])


@override_settings(ROOT_URLCONF="chapter14_urls", MIDDLEWARE=[])
class HealthTests(SimpleTestCase):
    databases = {"default"}

    def test_liveness_is_ok_without_the_database_and_never_cached(self):
        with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("down")):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_readiness_asks_the_database(self):
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ready"})

    def test_readiness_is_503_when_the_database_is_down(self):
        with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("down")):
            with self.assertLogs("api", "WARNING"):
                response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "unavailable"})

    def test_probes_are_get_only(self):
        self.assertEqual(self.client.post("/healthz").status_code, 405)
        self.assertEqual(self.client.post("/readyz").status_code, 405)
