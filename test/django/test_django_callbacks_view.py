"""The callbacks view: SMTP.com's deliveries in, one ``callback_event`` signal per new event out."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from smtp.callbacks import CallbackEvent, MemoryDedupe, callback_url  # noqa: E402
from smtp.django.signals import callback_event  # noqa: E402

PATH = "/smtpcom/callbacks"
CALLBACK_SECRET = settings.SMTPCOM_CALLBACK_SECRET  # set by this folder's conftest


def _event(event_id: str, label: str = "delivered", **extra) -> dict:
    return {
        "id": event_id,
        "event_label": label,
        "sender_id": "77",
        "tracking_id": f"t-{event_id}",
        "mail_from": "shop@example.com",
        "rcpt_to": "jane@example.com",
        "subject": "Your order",
        "time_started": 1796160000,
        "time_finished": 1796160002,
        "tries": 1,
        "resp_code": 250,
        "resp_class": 2,
        "resp_msg": "2.0.0 OK",
        **extra,
    }


def _basic(secret: str = CALLBACK_SECRET) -> str:
    return "Basic " + base64.b64encode(f"smtpcom:{secret}".encode()).decode()


@pytest.fixture
def received() -> Iterator[list]:
    """Every signal sent during the test, with a fresh dedupe store for the view."""
    seen: list = []

    def listener(sender, event, request, **kwargs):
        seen.append((event, request))

    callback_event.connect(listener, dispatch_uid="test-listener")
    try:
        with override_settings(SMTPCOM_CALLBACK_DEDUPE=MemoryDedupe()):
            yield seen
    finally:
        callback_event.disconnect(dispatch_uid="test-listener")


def _post(body, auth: str | None = _basic(), query: str = "", client: Client | None = None):
    client = client or Client(enforce_csrf_checks=True)  # the view must be CSRF-exempt
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.post(PATH + query, data=data, content_type="application/json", **headers)


def test_each_new_event_is_signalled_once(received):
    batch = [_event("e1", user_id="123"), _event("e2", "bounce")]
    response = _post(batch)
    assert response.status_code == 200
    events = [event for event, _ in received]
    assert all(isinstance(e, CallbackEvent) for e in events)
    assert [e.id for e in events] == ["e1", "e2"]
    assert events[0].unique_args == {"user_id": "123"}
    assert events[0].rcpt_to == "jane@example.com"
    assert received[0][1].path == PATH  # the request comes along

    assert _post(batch + [_event("e3")]).status_code == 200  # delivered again: only e3 is new
    assert [e.id for e, _ in received] == ["e1", "e2", "e3"]


def test_a_single_object_is_a_batch_of_one(received):
    assert _post(_event("solo")).status_code == 200
    assert [e.id for e, _ in received] == ["solo"]


def test_the_secret_as_a_token_in_the_query(received):
    assert _post([_event("q1")], auth=None, query=f"?token={CALLBACK_SECRET}").status_code == 200
    assert len(received) == 1


@pytest.mark.parametrize("auth, query", [(None, ""), (_basic("wrong-secret-0123456789"), ""), (None, "?token=nope")])
def test_a_missing_or_wrong_secret_is_401(received, auth, query):
    response = _post([_event("x")], auth=auth, query=query)
    assert response.status_code == 401
    assert CALLBACK_SECRET not in response.content.decode()
    assert received == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'[{"id": "a", "time_started": "yesterday"}]', b""])
def test_a_malformed_body_is_400(received, body):
    response = _post(body)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]
    assert received == []


def test_only_post(received):
    response = Client().get(PATH, HTTP_AUTHORIZATION=_basic())
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_receiver_that_raises_gives_500_and_the_retry_does_not_repeat_handled_events(received):
    failures = ["e2"]

    def flaky(sender, event, **kwargs):
        if event.id in failures:
            failures.remove(event.id)
            raise RuntimeError("database down")

    callback_event.connect(flaky, dispatch_uid="test-flaky")
    try:
        batch = [_event("e1"), _event("e2"), _event("e3")]
        assert _post(batch).status_code == 500
        assert _post(batch).status_code == 200  # the service retries the whole batch
    finally:
        callback_event.disconnect(dispatch_uid="test-flaky")
    assert [e.id for e, _ in received] == ["e1", "e2", "e2", "e3"]  # e2 reached `received` before flaky raised


def test_a_missing_secret_setting_is_improperly_configured(received):
    from django.core.exceptions import ImproperlyConfigured

    with override_settings(SMTPCOM_CALLBACK_SECRET=None):
        with pytest.raises(ImproperlyConfigured, match="SMTPCOM_CALLBACK_SECRET"):
            Client(raise_request_exception=True).post(PATH, data=b"[]", content_type="application/json")


def test_a_dedupe_path_is_a_sqlite_store(received, tmp_path):
    with override_settings(SMTPCOM_CALLBACK_DEDUPE=str(tmp_path / "events.db")):
        assert _post([_event("p1")]).status_code == 200
    with override_settings(SMTPCOM_CALLBACK_DEDUPE=str(tmp_path / "events.db")):  # a new receiver, same file
        assert _post([_event("p1"), _event("p2")]).status_code == 200
    assert [e.id for e, _ in received] == ["p1", "p2"]


# --------------------------------------------------------------------------------------
# end to end: a real HTTP server in front of Django
# --------------------------------------------------------------------------------------
class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass


@contextmanager
def _serve_django() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=WSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _urlopen_status(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_over_http_with_the_url_callback_url_builds(received):
    with _serve_django() as base:
        url = callback_url(base + PATH, CALLBACK_SECRET, style="token")
        body = json.dumps([_event("h1", order="42"), _event("h2", "open")]).encode()
        assert _urlopen_status(url, body, {}) == 200
        assert _urlopen_status(base + PATH, body, {}) == 401
        assert _urlopen_status(url, b"{", {}) == 400
    assert [(e.id, e.unique_args) for e, _ in received] == [("h1", {"order": "42"}), ("h2", {})]


def test_the_sandbox_delivers_to_the_view(received, django_sandbox):
    """Mail sent by the backend comes back from the sandbox as signals, once each, with its
    metadata in ``unique_args``, although the first delivery fails in a receiver."""
    from django.core.mail import EmailMessage, get_connection

    from smtp.sandbox import Sandbox

    failures = ["once"]

    def flaky(sender, event, **kwargs):
        if failures:
            failures.pop()
            raise RuntimeError("the first delivery fails")

    expected = {
        ("jane@example.com", "delivered"),
        ("bounce@simulator.test", "failed"),
        ("bounce@simulator.test", "hard_bounced"),
        ("open@simulator.test", "delivered"),
        ("open@simulator.test", "opened"),
    }
    callback_event.connect(flaky, dispatch_uid="test-flaky-e2e")
    try:
        with _serve_django() as base:
            url = callback_url(base + PATH, CALLBACK_SECRET)
            with Sandbox(api_keys=(django_sandbox.api_key,), callback_urls=[url]) as sandbox:
                message = EmailMessage(
                    "Hi", "x", "shop@example.com", ["jane@example.com", "bounce@simulator.test", "open@simulator.test"]
                )
                message.metadata = {"user_id": "123"}
                connection = get_connection(api_key=django_sandbox.api_key, host=sandbox.url)
                assert connection.send_messages([message]) == 1
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and not expected <= {(e.rcpt_to, e.event) for e, _ in received}:
                    time.sleep(0.05)
    finally:
        callback_event.disconnect(dispatch_uid="test-flaky-e2e")
    assert not failures  # the first delivery did fail
    handled = [(e.rcpt_to, e.event) for e, _ in received]
    assert expected <= set(handled)
    assert all(e.unique_args == {"user_id": "123"} for e, _ in received)
    assert all(e.tracking_id == message.smtpcom_msg_id for e, _ in received)
    ids = [e.id for e, _ in received]
    # the event that met the failing receiver is signalled again on the retry; no other repeats
    assert len(ids) - len(set(ids)) == 1
