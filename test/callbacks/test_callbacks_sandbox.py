"""The sandbox delivers callbacks as the service does, end to end: an application registers a
URL built by ``callback_url`` through CallbacksApi, sends to every simulator address with
``unique_args``, and serves ``wsgi_app`` on a real server whose handler fails the first delivery.
Each expected event reaches the handler exactly once. Also: 5 tries then the end of the queue,
the log, ``--callback-url``, and undelivered batches surviving a restart with ``--db``."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import smtp
from smtp.callbacks import EVENTS, CallbackEvent, SQLiteDedupe, callback_url, wsgi_app
from smtp.sandbox import Sandbox

KEY = "callbacks-e2e-key"
SECRET = "e2e-callback-secret-0123456789"
CHANNEL = "main"

#: recipient -> the events its message produces (the issue's table, with the delivery that
#: precedes an open, a click, a complaint or an unsubscribe, as the mailbox simulator reports it)
EXPECTED = {
    "jane@example.com": {"delivered"},
    "delivered@simulator.test": {"delivered"},
    "bounce@simulator.test": {"failed", "hard_bounced"},
    "full@simulator.test": {"failed", "hard_bounced"},
    "blocked@simulator.test": {"failed", "hard_bounced"},
    "complaint@simulator.test": {"delivered", "complained"},
    "open@simulator.test": {"delivered", "opened"},
    "click@simulator.test": {"delivered", "opened", "clicked"},
    "unsubscribe@simulator.test": {"delivered", "unsubscribed"},
    "deferred@simulator.test": {"queued"},
}


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds (bounded in time and count)."""
    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / 0.02) + 1):
        if condition():
            return
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


class Handler:
    """The application's handler: records events, raises on the calls it is told to."""

    def __init__(self, fail_calls: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        self.fail_calls = fail_calls
        self.calls = 0
        self.events: list[CallbackEvent] = []
        self.lock = threading.Lock()

    def __call__(self, event: CallbackEvent) -> None:
        with self.lock:
            self.calls += 1
            if self.calls in self.fail_calls:
                raise RuntimeError(f"simulated failure on call {self.calls}")
            self.events.append(event)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(api_keys=[KEY]) as running:
        tune(running)
        yield running


def tune(running: Sandbox) -> None:
    """Short delays, so that retries take a moment (what is tested is the order, not the time)."""
    assert running.delivery is not None
    running.delivery.linger = 0.1
    running.delivery.backoff = 0.05
    running.delivery.backoff_max = 0.2


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[smtp.ApiClient]:
    configuration = smtp.Configuration(host=sandbox.url, api_key={"apiKey": KEY})
    configuration.retries = smtp.RetryPolicy(total=0)
    with smtp.ApiClient(configuration) as api_client:
        yield api_client


def register(api_client: smtp.ApiClient, event: str, address: str) -> None:
    """Register a callback through CallbacksApi, as an application would."""
    reply = smtp.CallbacksApi(api_client).v4_callbacks_event_post(event, CHANNEL, "http", address)
    assert reply.status == "success"


def send_to_every_address(api_client: smtp.ApiClient) -> None:
    messages = smtp.MessagesApi(api_client)
    for n, rcpt in enumerate(EXPECTED):
        args = {"unique_args": {"orderID": f"A-{n}", "rcpt": rcpt}}
        messages.v4_messages_post(
            inline_object=smtp.InlineObject(
                channel=CHANNEL,
                recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(address=rcpt)]),
                originator=smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="shop@example.com")),
                subject=f"Order A-{n}",
                body=smtp.V4MessagesBody(parts=[smtp.V4MessagesBodyParts(type="text/plain", content="Thanks")]),
                custom_headers={"X-SMTPAPI": json.dumps(args)},
            )
        )


def check_exactly_once(events: list[CallbackEvent]) -> None:
    got = Counter((event.rcpt_to, event.event) for event in events)
    expected = Counter((rcpt, name) for rcpt, names in EXPECTED.items() for name in names)
    assert got == expected
    assert len({event.id for event in events}) == len(events)
    for event in events:
        assert event.unique_args == {"orderID": f"A-{list(EXPECTED).index(event.rcpt_to)}", "rcpt": event.rcpt_to}
        assert event.tracking_id and event.mail_from == "shop@example.com"
        assert event.time_started is not None and event.time_started.tzinfo is not None
        assert event.label == ("bounce" if event.event == "failed" else event.event)


def outbox_empty(running: Sandbox) -> bool:
    assert running.store is not None
    return running.store.query("SELECT count(*) FROM callback_outbox")[0][0] == 0


@pytest.mark.parametrize("style", ["basic", "token"])
def test_every_expected_event_reaches_the_handler_exactly_once(
    sandbox: Sandbox, client: smtp.ApiClient, serve_wsgi: Callable[[Any], str], style: str
) -> None:
    handler = Handler(fail_calls={3})  # the first delivery fails after two events were handled
    base = serve_wsgi(wsgi_app(handler, secret=SECRET))
    address = callback_url(base + "smtp/events", SECRET, style=style)
    for event in EVENTS:
        register(client, event, address)
    send_to_every_address(client)
    wait_for(lambda: outbox_empty(sandbox) and len(handler.events) >= 15, "every event to be delivered")
    check_exactly_once(handler.events)
    assert handler.calls == len(handler.events) + 1  # the failed call, and no repeat of the two before it

    log = smtp.CallbacksApi(client).v4_callbacks_log_get(CHANNEL, limit=100).data.items
    codes = [item.code for item in reversed(log)]  # oldest first
    assert codes[0] == 500 and 200 in codes and set(codes) <= {200, 500}
    assert all(SECRET not in item.msg for item in log)
    assert all(item.time for item in log)


def test_the_sdk_registers_the_callbacks(client: smtp.ApiClient) -> None:
    url = callback_url("http://127.0.0.1:9/hook", SECRET)
    smtp.CallbacksApi(client).v4_callbacks_event_post("delivered", CHANNEL, "http", url)
    assert smtp.CallbacksApi(client).v4_callbacks_event_get("delivered", CHANNEL).data.address == url


def test_only_the_registered_events_of_the_registered_channel_are_sent(
    sandbox: Sandbox, client: smtp.ApiClient, serve_wsgi: Callable[[Any], str]
) -> None:
    handler = Handler()
    register(client, "failed", serve_wsgi(wsgi_app(handler)))
    send_to_every_address(client)
    wait_for(lambda: outbox_empty(sandbox) and len(handler.events) >= 3, "the three failures")
    assert sorted(event.rcpt_to or "" for event in handler.events) == [
        "blocked@simulator.test",
        "bounce@simulator.test",
        "full@simulator.test",
    ]
    assert {event.event for event in handler.events} == {"failed"}


def test_a_batch_is_tried_5_times_then_goes_to_the_end_of_the_queue(serve_wsgi: Callable[[Any], str]) -> None:
    seen: list[str] = []
    failures = {"left": 5}
    lock = threading.Lock()

    def flaky(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        rcpts = [event["rcpt_to"] for event in json.loads(body)]
        with lock:
            if "first@example.com" in rcpts and failures["left"] > 0:
                failures["left"] -= 1
                start_response("503 Service Unavailable", [("Content-Length", "0")])
                return [b""]
            seen.extend(rcpts)
        start_response("200 OK", [("Content-Length", "0")])
        return [b""]

    url = serve_wsgi(flaky)
    with Sandbox(callback_urls=[url]) as running:
        tune(running)
        assert running.delivery is not None
        running.delivery.requeue_delay = 3.0
        with smtp.Client(api_key="k", host=running.url, channel=CHANNEL) as mail:
            mail.send(sender="shop@example.com", to="first@example.com", subject="1", text="x")
            wait_for(lambda: failures["left"] <= 4, "the first failure")
            mail.send(sender="shop@example.com", to="second@example.com", subject="2", text="x")
            wait_for(lambda: "first@example.com" in seen, "the first batch, after its requeue")
        assert seen == ["second@example.com", "first@example.com"]  # the later batch went first
        store = running.store
        assert store is not None

        def attempts() -> list[str]:
            return [row[0] for row in store.query("SELECT msg FROM callback_attempts ORDER BY seq")]

        # the receiver has the batch before the sandbox has logged its 200: wait for the log too
        wait_for(lambda: sum(note.startswith("delivered") for note in attempts()) >= 2, "both deliveries logged")
        notes = attempts()
    first = [note for note in notes if ": 503 " in note]  # not "503" alone: a port may hold it
    assert [note.split("(")[-1] for note in first] == [
        "try 1 of 5)",
        "try 2 of 5)",
        "try 3 of 5)",
        "try 4 of 5)",
        "try 5 of 5; the batch goes to the end of the queue)",
    ]
    assert sum(note.startswith("delivered") for note in notes) == 2


def test_the_api_answers_while_the_receiver_hangs(serve_wsgi: Callable[[Any], str]) -> None:
    release = threading.Event()

    def hanging(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        release.wait(20)
        start_response("200 OK", [("Content-Length", "0")])
        return [b""]

    url = serve_wsgi(hanging)
    try:
        with Sandbox(callback_urls=[url]) as running:
            tune(running)
            with smtp.Client(api_key="k", host=running.url, channel=CHANNEL) as mail:
                for n in range(5):  # each send is answered at once although no delivery is
                    mail.send(sender="shop@example.com", to=f"u{n}@example.com", subject="s", text="x")
                assert len(running.messages()) == 5
            release.set()
    finally:
        release.set()


def test_undelivered_batches_are_delivered_after_a_restart(tmp_path: Path, serve_wsgi: Callable[[Any], str]) -> None:
    db = str(tmp_path / "sandbox.db")
    down = threading.Event()
    down.set()
    handler = Handler()
    seen = SQLiteDedupe(tmp_path / "seen.db")
    receiver = wsgi_app(handler, dedupe=seen)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if down.is_set():
            start_response("503 Service Unavailable", [("Content-Length", "0")])
            return [b""]
        return receiver(environ, start_response)

    url = serve_wsgi(app)
    with Sandbox(db=db, callback_urls=[url]) as first:
        tune(first)
        with smtp.Client(api_key="k", host=first.url, channel=CHANNEL) as mail:
            for rcpt in ("bounce@simulator.test", "click@simulator.test"):
                mail.send(sender="shop@example.com", to=rcpt, subject="s", text="x")
        assert first.store is not None
        wait_for(lambda: bool(first.store.query("SELECT 1 FROM callback_attempts WHERE code = 503")), "a failure")
    assert handler.events == []
    down.clear()  # the receiver is back; the sandbox restarts on the same file
    with Sandbox(db=db, callback_urls=[url]) as second:
        tune(second)
        wait_for(lambda: outbox_empty(second) and len(handler.events) >= 5, "the delivery after the restart")
    seen.close()
    assert Counter((e.rcpt_to, e.event) for e in handler.events) == Counter(
        [
            ("bounce@simulator.test", "failed"),
            ("bounce@simulator.test", "hard_bounced"),
            ("click@simulator.test", "delivered"),
            ("click@simulator.test", "opened"),
            ("click@simulator.test", "clicked"),
        ]
    )


def test_the_command_line_takes_callback_urls() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "smtp.sandbox", "--port", "0", "--callback-url", "ftp://nowhere/"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "must be an http:// or https:// URL" in done.stderr
    helped = subprocess.run(
        [sys.executable, "-m", "smtp.sandbox", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "--callback-url" in helped.stdout


def test_the_inbox_simulate_buttons_produce_their_events(serve_wsgi: Callable[[Any], str]) -> None:
    handler = Handler()
    with Sandbox(callback_urls=[serve_wsgi(wsgi_app(handler))]) as running:
        tune(running)
        assert running.delivery is not None and running.store is not None
        with smtp.Client(api_key="k", host=running.url, channel=CHANNEL) as mail:
            msg_id = mail.send(sender="shop@example.com", to="jane@example.com", subject="s", text="x")
        wait_for(lambda: len(handler.events) >= 1, "the delivery")
        (item,) = [json.loads(raw) for raw in running.store.items_of(str(msg_id))]
        for kind in ("open", "click", "unsubscribe", "complain", "bounce"):
            running.delivery.simulated(str(msg_id), 0, kind, item)  # as smtp.sandbox.inbox's on_event
        assert running.delivery.simulated(str(msg_id), 0, "teleport", item) == 0
        wait_for(lambda: outbox_empty(running) and len(handler.events) >= 7, "the simulated events")
    assert [event.event for event in handler.events] == [
        "delivered", "opened", "clicked", "unsubscribed", "complained", "failed", "hard_bounced",
    ]  # fmt: skip
    assert {event.rcpt_to for event in handler.events} == {"jane@example.com"}
