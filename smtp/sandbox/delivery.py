"""Callback delivery: the sandbox POSTs the events of its messages as the service does.

Who gets events
    the callbacks registered through CallbacksApi (medium ``http``; an ``sqs`` callback is stored
    but nothing is sent to SQS), and every URL given as ``--callback-url`` (every event of every
    channel).

Which events
    those the mailbox simulator gives each recipient (``smtp.sandbox.events``): ``delivered`` for
    every delivered copy, then ``opened``, ``clicked``, ``complained`` and ``unsubscribed`` as the
    simulated mailbox does them; ``failed`` and ``hard_bounced`` for a bounce (``bounce``, ``full``,
    ``blocked``); ``queued`` for a deferral. The web inbox's simulate buttons produce theirs
    through :meth:`CallbackDelivery.simulated` (``SIMULATED``), and :meth:`CallbackDelivery.emit`
    takes events made anywhere else.

Format
    the service's: a JSON array of event objects with ``id``, ``event_label``, ``sender_id``,
    ``tracking_id`` (the sandbox's ``msg_id``), ``mail_from``, ``rcpt_to``, ``subject``,
    ``time_started``/``time_finished`` (UNIX seconds), ``tries``, ``resp_code``, ``resp_class``
    (0 delivered or queued, 10 failed, as in the service's bounce example), ``resp_msg``, and the
    message's ``unique_args`` merged flat. The label of a ``failed`` event is ``bounce``, as in the
    service's example; every other label is the subscription name.

Batches and retries
    events for one URL are sent together, up to ``max_batch`` (1000) per POST, each batch within
    ``linger`` (0.5 s) of its first event. A sender thread per URL posts them, so the API never
    waits. A batch that is not answered 2xx is tried again with backoff, 5 times; then it goes to
    the end of that URL's queue and is tried again after the batches behind it. The same event can
    therefore arrive twice, as with the service. Every attempt is written to ``callback_attempts``
    (read by ``v4_callbacks_log_get``) with the URL's credentials masked.

Restarts
    events wait in the store (tables ``callback_outbox`` and ``callback_batches``) until a URL
    answers 2xx, so with ``--db`` they are delivered after a restart.

Credentials
    basic credentials in a URL (``https://user:secret@host/``) are sent as an ``Authorization:
    Basic`` header and a ``?token=`` stays in the query, so a receiver's check is exercised.
"""

from __future__ import annotations

import base64
import http.client
import json
import sqlite3
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from smtp._redact import redact_text, redact_url
from smtp.sandbox.events import Item, mailbox_for

__all__ = ["SIMULATED", "CallbackDelivery", "events_named", "events_of_item", "make_event", "url_problem"]

#: the ``sender_id`` of the sandbox's events (the service's is the account's number)
SENDER_ID = 1
#: how many times a batch is tried before it goes to the end of the queue (as the service)
TRIES = 5

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS callback_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        address TEXT NOT NULL,
        channel TEXT NOT NULL,
        event TEXT NOT NULL,
        payload TEXT NOT NULL,
        created REAL NOT NULL,
        batch INTEGER
    )""",
    "CREATE INDEX IF NOT EXISTS callback_outbox_by_address ON callback_outbox (address, batch, seq)",
    """CREATE TABLE IF NOT EXISTS callback_batches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        address TEXT NOT NULL,
        position INTEGER NOT NULL,
        tries INTEGER NOT NULL DEFAULT 0,
        due REAL NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS callback_batches_by_address ON callback_batches (address, position)",
)


def url_problem(url: str) -> str | None:
    """What is wrong with a URL to deliver callbacks to, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as error:
        return f"is not a URL ({error})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL"
    if any(char.isspace() or ord(char) < 32 for char in url):
        return "must not contain blanks or control characters"
    return None


# ------------------------------------------------------------------------------------
# events of a message
# ------------------------------------------------------------------------------------
#: what each simulate button of the web inbox (``smtp.sandbox.inbox``) produces
SIMULATED = {
    "open": ("opened",),
    "click": ("clicked",),
    "unsubscribe": ("unsubscribed",),
    "complain": ("complained",),
    "bounce": ("failed", "hard_bounced"),
}


def events_of_item(item: Item | bytes | dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The callback events (subscription name, payload) of one recipient's stored item."""
    data = item if isinstance(item, dict) else json.loads(item.json if isinstance(item, Item) else item)
    state = ((data.get("details") or {}).get("delivery") or {}).get("event")
    box = mailbox_for((data.get("msg_data") or {}).get("rcpt_to", ""))
    if state == "failed":
        names = ["failed", "hard_bounced"]
    elif state == "queued":
        names = ["queued"]
    else:
        names = ["delivered"]
        names += ["opened"] * bool(box.opens) + ["clicked"] * bool(box.clicks)
        names += ["complained"] * bool(box.complaints) + ["unsubscribed"] * bool(box.unsubs)
    return events_named(data, names)


def events_named(
    data: dict[str, Any], names: Iterable[str], when: float | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Events ``names`` of one recipient's item (decoded), each with a new id; ``when`` (epoch
    seconds) is their ``time_finished`` when it is not the message's time."""
    msg = data.get("msg_data") or {}
    delivery = (data.get("details") or {}).get("delivery") or {}
    state = delivery.get("event")
    raw_code = str(delivery.get("code", ""))
    code = int(raw_code) if raw_code.isascii() and raw_code.isdigit() else None
    base = {
        "sender_id": SENDER_ID,
        "tracking_id": data.get("msg_id"),
        "mail_from": msg.get("from"),
        "rcpt_to": msg.get("rcpt_to"),
        "subject": msg.get("subject"),
        "time_started": data.get("msg_time"),
        "time_finished": data.get("msg_time") if when is None else int(when),
        "tries": delivery.get("retries", 0),
        "resp_code": code,
        "resp_class": 10 if state == "failed" else 0,
        "resp_msg": delivery.get("status"),
    }
    unique_args = data.get("smtp_vars") or {}
    return [(name, make_event(name, base, unique_args)) for name in names]


def make_event(name: str, fields: dict[str, Any], unique_args: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event in the service's format: a new ``id``, the label of ``name``, ``fields``, and
    ``unique_args`` merged flat (never over a documented key)."""
    event = {"id": uuid.uuid4().hex, "event_label": "bounce" if name == "failed" else name, **fields}
    for key, value in (unique_args or {}).items():
        event.setdefault(key, value)
    return event


# ------------------------------------------------------------------------------------
# the sender
# ------------------------------------------------------------------------------------
class CallbackDelivery:
    """Queues the events of one sandbox's messages and delivers them from background threads.

    :param store: the sandbox's ``Store`` (its ``callbacks`` table says who registered what).
    :param urls: URLs that get every event of every channel (``--callback-url``).
    :param clock: the time source (epoch seconds) of the log.

    Tunable attributes: ``max_batch`` (1000), ``linger`` (0.5 s), ``backoff`` (0.25 s, doubled
    per try up to ``backoff_max`` 4 s), ``requeue_delay`` (5 s: the pause after a batch went to
    the end of the queue), ``timeout`` (10 s per POST).
    """

    max_batch = 1000
    linger = 0.5
    backoff = 0.25
    backoff_max = 4.0
    requeue_delay = 5.0
    timeout = 10.0

    def __init__(self, store: Any, urls: Iterable[str] = (), clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.urls = tuple(urls)
        for url in self.urls:
            problem = url_problem(url)
            if problem:
                raise ValueError(f"callback URL {redact_url(url)!r} {problem}")
        self.clock = clock
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._workers: dict[str, threading.Thread] = {}
        self._stopping = False
        self._started = False

    def __repr__(self) -> str:
        return f"CallbackDelivery(urls={[redact_url(url) for url in self.urls]!r})"

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> CallbackDelivery:
        """Create the tables and resume the deliveries a previous run left (``--db``)."""

        def create(db: sqlite3.Connection) -> list[str]:
            for statement in _SCHEMA:
                db.execute(statement)
            rows = db.execute("SELECT DISTINCT address FROM callback_outbox").fetchall()
            return [row[0] for row in rows]

        pending = self.store.transaction(create)
        with self._lock:
            self._started = True
        for address in pending:
            self._worker(address)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the sender threads (a POST in flight ends within ``timeout``); what is not
        delivered stays in the store."""
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
            workers = list(self._workers.values())
        deadline = time.monotonic() + timeout
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))

    # -- what the API calls ----------------------------------------------------------------
    def accepted(self, channel: str, items: Sequence[Item]) -> None:
        """The events of a message just accepted on ``channel`` (its per-recipient items)."""
        destinations = self._destinations(channel)
        if not destinations:
            return
        self.emit(channel, [event for item in items for event in events_of_item(item)], destinations)

    def emit(
        self,
        channel: str,
        events: Sequence[tuple[str, dict[str, Any]]],
        destinations: dict[str, set[str]] | None = None,
    ) -> int:
        """Queue ``(subscription name, payload)`` events of ``channel`` for whoever should get
        them; returns how many deliveries were queued."""
        if destinations is None:
            destinations = self._destinations(channel)
        rows = []
        now = time.time()
        for name, payload in events:
            for address, names in destinations.items():
                if name in names:
                    rows.append((address, channel, name, json.dumps(payload, ensure_ascii=False), now))
        if not rows or self._stopping:
            return 0

        def queue(db: sqlite3.Connection) -> None:
            db.executemany(
                "INSERT INTO callback_outbox (address, channel, event, payload, created) VALUES (?, ?, ?, ?, ?)", rows
            )

        self.store.transaction(queue)
        for address in {row[0] for row in rows}:
            self._worker(address)
        with self._lock:
            self._wake.notify_all()
        return len(rows)

    def simulated(self, msg_id: str, rcpt_index: int, kind: str, item: dict[str, Any]) -> int:
        """The events of a simulate button of the web inbox (``kind`` a key of ``SIMULATED``) on
        one recipient's updated item; the signature of ``smtp.sandbox.inbox.Inbox.on_event``."""
        names = SIMULATED.get(kind)
        channel = item.get("channel")
        if not names or not isinstance(channel, str):
            return 0
        return self.emit(channel, events_named(item, names, self.clock()))

    def _destinations(self, channel: str) -> dict[str, set[str]]:
        """URL -> the events of ``channel`` it gets."""
        every = {"delivered", "failed", "hard_bounced", "queued", "opened", "clicked", "complained", "unsubscribed"}
        every |= {"bounceback", "received"}
        out: dict[str, set[str]] = {url: set(every) for url in self.urls}
        rows = self.store.query(
            "SELECT event, address FROM callbacks WHERE channel = ? AND medium = 'http'", (channel,)
        )
        for event, address in rows:
            if url_problem(address) is None:
                out.setdefault(address, set()).add(event)
        return out

    # -- the sender threads ------------------------------------------------------------------
    def _worker(self, address: str) -> None:
        with self._lock:
            if self._stopping or not self._started:
                return
            worker = self._workers.get(address)
            if worker is not None and worker.is_alive():
                return
            worker = threading.Thread(
                target=self._run, args=(address,), name=f"smtp-sandbox-callbacks-{len(self._workers)}", daemon=True
            )
            self._workers[address] = worker
        worker.start()

    def _run(self, address: str) -> None:
        try:
            self._loop(address)
        except Exception:  # the store closed under a stopping sandbox, or a bug: never kill the API
            if not self._stopping:
                import logging

                logging.getLogger("smtp.sandbox").exception("callback delivery to %s stopped", redact_url(address))
            with self._lock:
                if self._workers.get(address) is threading.current_thread():
                    self._workers.pop(address, None)

    def _loop(self, address: str) -> None:
        while True:
            with self._lock:
                if self._stopping:
                    return
            wait = self._step(address)
            if wait is None:  # nothing queued: this thread ends, the next event starts another
                with self._lock:
                    if self._has_work(address):
                        continue
                    self._workers.pop(address, None)
                    return
            with self._lock:
                if self._stopping:
                    return
                self._wake.wait(min(wait, 1.0))

    def _has_work(self, address: str) -> bool:
        return bool(self.store.query("SELECT 1 FROM callback_outbox WHERE address = ? LIMIT 1", (address,)))

    def _step(self, address: str) -> float | None:
        """Form a batch if one is due, try the first batch that is due; the seconds until
        something may be due again, or None when nothing is queued."""
        now = time.time()
        self.store.transaction(lambda db: self._form_batch(db, address, now))
        batches = self.store.query(
            "SELECT id, tries, due FROM callback_batches WHERE address = ? ORDER BY position", (address,)
        )
        unbatched = self.store.query(
            "SELECT min(created) FROM callback_outbox WHERE address = ? AND batch IS NULL", (address,)
        )[0][0]
        if not batches:
            return None if unbatched is None else max(0.01, unbatched + self.linger - now)
        due = [row for row in batches if row[2] <= now]
        if not due:
            waits = [row[2] - now for row in batches]
            if unbatched is not None:
                waits.append(unbatched + self.linger - now)
            return max(0.01, min(waits))
        batch_id, tries, _ = due[0]
        self._attempt(address, batch_id, tries)
        return 0.0

    def _form_batch(self, db: sqlite3.Connection, address: str, now: float) -> None:
        rows = db.execute(
            "SELECT seq, created FROM callback_outbox WHERE address = ? AND batch IS NULL ORDER BY seq LIMIT ?",
            (address, self.max_batch),
        ).fetchall()
        if not rows or (len(rows) < self.max_batch and rows[0][1] + self.linger > now):
            return
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM callback_batches").fetchone()[0]
        batch_id = db.execute(
            "INSERT INTO callback_batches (address, position) VALUES (?, ?)", (address, position)
        ).lastrowid
        db.execute(
            "UPDATE callback_outbox SET batch = ? WHERE address = ? AND batch IS NULL AND seq <= ?",
            (batch_id, address, rows[-1][0]),
        )

    def _attempt(self, address: str, batch_id: int, tries: int) -> None:
        rows = self.store.query(
            "SELECT channel, event, payload FROM callback_outbox WHERE batch = ? ORDER BY seq", (batch_id,)
        )
        if not rows:
            self.store.transaction(lambda db: db.execute("DELETE FROM callback_batches WHERE id = ?", (batch_id,)))
            return
        body = ("[" + ",".join(row[2] for row in rows) + "]").encode("utf-8")
        code, reason = _post(address, body, self.timeout)
        tries += 1
        ok = 200 <= code < 300
        when = self.clock()
        count = f"{len(rows)} event{'s' if len(rows) != 1 else ''}"
        if ok:
            note = f"delivered {count} to {redact_url(address)}: {code} {reason}"
        else:
            round_try = (tries - 1) % TRIES + 1
            note = f"{count} to {redact_url(address)}: {f'{code} ' if code else ''}{reason} (try {round_try} of {TRIES}"
            note += "; the batch goes to the end of the queue)" if round_try == TRIES else ")"
        per_channel: dict[str, set[str]] = {}
        for channel, event, _ in rows:
            per_channel.setdefault(channel, set()).add(event)

        def record(db: sqlite3.Connection) -> None:
            db.executemany(
                "INSERT INTO callback_attempts (channel, event, address, time, code, msg) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (channel, ",".join(sorted(events)), redact_url(address), when, code, note)
                    for channel, events in per_channel.items()
                ],
            )
            if ok:
                db.execute("DELETE FROM callback_outbox WHERE batch = ?", (batch_id,))
                db.execute("DELETE FROM callback_batches WHERE id = ?", (batch_id,))
            elif tries % TRIES == 0:  # to the end of the queue, tried again after the others
                position = db.execute("SELECT max(position) + 1 FROM callback_batches").fetchone()[0]
                db.execute(
                    "UPDATE callback_batches SET tries = ?, position = ?, due = ? WHERE id = ?",
                    (tries, position, time.time() + self.requeue_delay, batch_id),
                )
            else:
                delay = min(self.backoff_max, self.backoff * 2 ** (tries % TRIES - 1))
                db.execute(
                    "UPDATE callback_batches SET tries = ?, due = ? WHERE id = ?",
                    (tries, time.time() + delay, batch_id),
                )

        self.store.transaction(record)


def _post(url: str, body: bytes, timeout: float) -> tuple[int, str]:
    """POST ``body`` to ``url``; (HTTP status, reason), or (0, what went wrong)."""
    parts = urlsplit(url)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "smtp-sandbox-callbacks",
        "Content-Length": str(len(body)),
    }
    if parts.username is not None or parts.password is not None:
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    host = parts.hostname or ""
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            host, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    try:
        connection.request("POST", target, body=body, headers=headers)
        reply = connection.getresponse()
        reply.read(65536)
        return reply.status, reply.reason
    except (OSError, http.client.HTTPException) as error:
        return 0, _describe(error)
    finally:
        connection.close()


def _describe(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return "timed out"
    text = str(error) or type(error).__name__
    return redact_text(" ".join(text.split())[:200])
