"""The WSGI receiver served by a real wsgiref server on 127.0.0.1, posted to over a socket:
every answer of the table, and a 500 that loses nothing and repeats nothing."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from callbacks_support import Answer, post

from smtp.callbacks import CallbackEvent, SQLiteDedupe, callback_url, wsgi_app

SECRET = "receiver-secret-0123456789"


def _events(*ids: str, **extra: Any) -> bytes:
    base = {"event_label": "delivered", "time_started": 1764000000}
    return json.dumps([{"id": i, **base, "rcpt_to": f"{i}@example.com", **extra} for i in ids]).encode()


class Recorder:
    """A handler that records events and fails on cue."""

    def __init__(self, fail_on: set[str] | None = None, times: int = 1) -> None:
        self.events: list[CallbackEvent] = []
        self.fail_on = fail_on or set()
        self.failures_left = times
        self.lock = threading.Lock()

    def __call__(self, event: CallbackEvent) -> None:
        with self.lock:
            if event.id in self.fail_on and self.failures_left > 0:
                self.failures_left -= 1
                raise RuntimeError("database is down")
            self.events.append(event)

    @property
    def ids(self) -> list[str | None]:
        return [event.id for event in self.events]


def test_every_event_is_handled_once_and_duplicates_are_skipped(serve_wsgi: Callable[[Any], str]) -> None:
    handler = Recorder()
    url = serve_wsgi(wsgi_app(handler))
    first = post(url, _events("a", "b", "a"))
    assert first.status == 200
    assert first.json() == {"status": "ok", "received": 3, "handled": 2, "duplicates": 1}
    again = post(url, _events("b", "c"))
    assert again.status == 200 and again.json()["handled"] == 1
    assert handler.ids == ["a", "b", "c"]
    assert handler.events[0].rcpt_to == "a@example.com"


def test_a_failing_handler_gets_500_and_the_retry_does_not_repeat_handled_events(
    serve_wsgi: Callable[[Any], str],
) -> None:
    handler = Recorder(fail_on={"c"})
    url = serve_wsgi(wsgi_app(handler))
    body = _events("a", "b", "c", "d")
    failed = post(url, body)
    assert failed.status == 500
    assert failed.json()["handled"] == 2 and failed.json()["failed_id"] == "c"
    assert "database is down" not in failed.body.decode()  # the handler's error stays on the server
    assert handler.ids == ["a", "b"]
    retried = post(url, body)  # what the service does after a 5xx
    assert retried.status == 200
    assert retried.json() == {"status": "ok", "received": 4, "handled": 2, "duplicates": 2}
    assert handler.ids == ["a", "b", "c", "d"]


def test_events_without_an_id_are_handled_every_time(serve_wsgi: Callable[[Any], str]) -> None:
    handler = Recorder()
    url = serve_wsgi(wsgi_app(handler))
    body = b'[{"event_label": "opened"}]'
    assert post(url, body).status == 200 and post(url, body).status == 200
    assert len(handler.events) == 2


def _basic(password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"smtpcom:{password}".encode()).decode()}


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("", {}, 401),  # missing
        ("", _basic("wrong"), 401),  # wrong
        ("?token=wrong", {}, 401),
        ("", _basic(SECRET), 200),
        (f"?token={SECRET}", {}, 200),  # a token in the query
    ],
)
def test_the_secret_is_required_when_set(
    serve_wsgi: Callable[[Any], str], path: str, headers: dict[str, str], status: int
) -> None:
    handler = Recorder()
    url = serve_wsgi(wsgi_app(handler, secret=SECRET))
    answer = post(url + "hook" + path, _events("a"), headers)
    assert answer.status == status
    assert handler.ids == (["a"] if status == 200 else [])
    if status == 401:
        assert answer.headers["www-authenticate"].startswith("Basic")
        assert SECRET.encode() not in answer.body


def test_a_url_built_by_callback_url_is_accepted_through_urllib(serve_wsgi: Callable[[Any], str]) -> None:
    import urllib.request

    handler = Recorder()
    base = serve_wsgi(wsgi_app(handler, secret=SECRET))
    for style in ("basic", "token"):
        url = callback_url(base + "hook", SECRET, style=style)
        request = urllib.request.Request(url, data=_events(style), headers={"Content-Type": "application/json"})
        if style == "basic":  # urllib does not send a URL's credentials by itself
            parts = urllib.parse.urlsplit(url)
            request = urllib.request.Request(
                parts._replace(netloc=parts.hostname + f":{parts.port}").geturl(),
                data=_events(style),
                headers={**_basic(SECRET), "Content-Type": "application/json"},
            )
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 200
    assert handler.ids == ["basic", "token"]


@pytest.mark.parametrize(
    ("body", "says"),
    [(b"not json", "not JSON"), (b"[]", "empty"), (b'[{"tries": "x"}]', "[0].tries"), (b"", "empty")],
)
def test_a_malformed_body_gets_400_saying_why(serve_wsgi: Callable[[Any], str], body: bytes, says: str) -> None:
    handler = Recorder()
    answer = post(serve_wsgi(wsgi_app(handler)), body)
    assert answer.status == 400
    assert says in answer.json()["error"]
    assert handler.events == []


def test_a_body_over_max_bytes_gets_413(serve_wsgi: Callable[[Any], str]) -> None:
    handler = Recorder()
    url = serve_wsgi(wsgi_app(handler, max_bytes=100))
    assert post(url, _events("a", "b", "c")).status == 413
    assert post(url, _events("a")).status == 200
    assert handler.ids == ["a"]


def test_only_post_is_accepted(serve_wsgi: Callable[[Any], str]) -> None:
    answer = post(serve_wsgi(wsgi_app(Recorder())), b"", method="GET")
    assert answer.status == 405 and answer.headers["allow"] == "POST"


def test_a_missing_or_bad_content_length(serve_wsgi: Callable[[Any], str]) -> None:
    import socket
    from urllib.parse import urlsplit

    url = serve_wsgi(wsgi_app(Recorder()))
    port = urlsplit(url).port
    for head, status in [(b"", b" 411 "), (b"Content-Length: x1\r\n", b" 400 ")]:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"POST / HTTP/1.0\r\nHost: x\r\n" + head + b"\r\n")
            reply = sock.recv(200)
        assert status in reply.split(b"\r\n")[0], reply


def test_the_same_event_in_two_concurrent_deliveries_is_handled_once(serve_wsgi: Callable[[Any], str]) -> None:
    started = threading.Event()
    release = threading.Event()
    got: list[str | None] = []

    def slow(event: CallbackEvent) -> None:
        started.set()
        release.wait(10)
        got.append(event.id)

    url = serve_wsgi(wsgi_app(slow))
    answers: list[Answer] = []
    first = threading.Thread(target=lambda: answers.append(post(url, _events("same"))))
    first.start()
    assert started.wait(10)
    second = threading.Thread(target=lambda: answers.append(post(url, _events("same"))))
    second.start()
    release.set()
    first.join(10)
    second.join(10)
    assert sorted(a.status for a in answers) == [200, 200]
    assert got == ["same"]


def test_sqlite_dedupe_keeps_a_retry_after_a_restart_from_repeating(
    serve_wsgi: Callable[[Any], str], tmp_path: Path
) -> None:
    path = tmp_path / "seen.db"
    handler = Recorder(fail_on={"b"})
    with SQLiteDedupe(path) as store:
        assert post(serve_wsgi(wsgi_app(handler, dedupe=store)), _events("a", "b")).status == 500
    with SQLiteDedupe(path) as store:  # the receiver restarted; the service retries
        assert post(serve_wsgi(wsgi_app(handler, dedupe=store)), _events("a", "b")).status == 200
    assert handler.ids == ["a", "b"]


def test_the_receiver_without_wsgi() -> None:
    from smtp.callbacks import Receiver

    handler = Recorder()
    receiver = Receiver(handler, secret=SECRET, max_bytes=1000)
    assert receiver.receive(_events("a"), query_string=f"token={SECRET}").status == 200
    assert receiver.receive(_events("b")).status == 401
    assert receiver.receive(b"x" * 1001, query_string=f"token={SECRET}").status == 413
    reply = receiver.receive(b"{", query_string=f"token={SECRET}")
    assert reply.status == 400 and reply.status_line == "400 Bad Request" and not reply.ok
    assert handler.ids == ["a"]
