"""The receiver: one delivery in, the handler called once per new event, and the answer that makes
the service do the right thing.

================================================  ======  =========================================
case                                              answer  what the service does
================================================  ======  =========================================
every event handled (duplicates skipped)          200     done
a secret is set and the request lacks it          401     retries, then re-queues: fix the URL
not POST                                          405
no Content-Length (and the server cannot tell)    411
the body is not a batch of events                 400     the reply says why
the body is over ``max_bytes``                    413
the handler (or the dedupe store) raises          500     retries: nothing is lost
================================================  ======  =========================================

On a 500 the events handled before the failure are already remembered by the dedupe store, so the
retry hands the handler only the rest. :class:`Receiver` is the part that knows no web framework
(``smtp.django`` uses it); :func:`wsgi_app` wraps it as a WSGI application.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from smtp._redact import install_log_filter
from smtp.callbacks._auth import Secret
from smtp.callbacks._dedupe import DedupeStore, MemoryDedupe
from smtp.callbacks._events import CallbackError, CallbackEvent, parse

__all__ = ["DEFAULT_MAX_BYTES", "CallbackApp", "Receiver", "Reply", "wsgi_app"]

#: the largest body accepted by default: 1000 events with generous unique_args
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

logger = logging.getLogger("smtp.callbacks")

Handler = Callable[[CallbackEvent], object]


@dataclass(frozen=True)
class Reply:
    """What to answer: an HTTP status, a small JSON body and extra headers."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    @property
    def ok(self) -> bool:
        return self.status == 200


def _reply(code: int, headers: tuple[tuple[str, str], ...] = (), /, **fields: Any) -> Reply:
    return Reply(code, json.dumps(fields, separators=(",", ":")).encode("ascii"), headers)


class Receiver:
    """Authenticates, parses and deduplicates callback deliveries, and calls ``handler(event)``
    once for each new event. Thread safe: two deliveries of the same event at the same moment
    still reach the handler once.

    ``secret``: when set, a delivery must carry it (basic credentials or ``?token=``), else 401.
    ``dedupe``: a :class:`DedupeStore`; by default a :class:`MemoryDedupe` of this receiver.
    ``max_bytes``: a larger body is refused with 413 before it is read.
    """

    def __init__(
        self,
        handler: Handler,
        *,
        secret: str | Secret | None = None,
        dedupe: DedupeStore | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if not callable(handler):
            raise TypeError("handler must be callable: handler(event)")
        if dedupe is not None and not isinstance(dedupe, DedupeStore):
            raise TypeError("dedupe must have the methods seen(event_id) and remember(event_id)")
        if not isinstance(max_bytes, int) or max_bytes < 1:
            raise ValueError("max_bytes must be a positive integer")
        self.handler = handler
        self.secret = None if secret is None else Secret(secret)
        self.dedupe: DedupeStore = MemoryDedupe() if dedupe is None else dedupe
        self.max_bytes = max_bytes
        self._busy: set[str] = set()
        self._idle = threading.Condition()
        install_log_filter("smtp")

    def __repr__(self) -> str:
        secret = "set" if self.secret is not None else "none"
        return f"Receiver({self.handler!r}, secret={secret}, dedupe={self.dedupe!r}, max_bytes={self.max_bytes})"

    # -- the steps, in the order a request meets them ------------------------------------
    def authorized(self, authorization: str | None, query_string: str | None) -> bool:
        """Whether a request may deliver: no secret is set, or it carries the secret."""
        return self.secret is None or self.secret.check_request(authorization, query_string)

    def unauthorized(self) -> Reply:
        logger.warning("callback delivery refused: wrong or missing secret")
        return _reply(
            401,
            (("WWW-Authenticate", 'Basic realm="smtp callbacks"'),),
            status="fail",
            error="wrong or missing callback secret",
        )

    def too_large(self) -> Reply:
        logger.warning("callback delivery refused: body over %d bytes", self.max_bytes)
        return _reply(413, status="fail", error=f"the body is over {self.max_bytes} bytes")

    def deliver(self, body: bytes) -> Reply:
        """Parse an authenticated body and hand its new events to the handler."""
        if len(body) > self.max_bytes:
            return self.too_large()
        try:
            events = parse(body)
        except CallbackError as error:
            logger.warning("callback delivery refused: %s", error)
            return _reply(400, status="fail", error=str(error))
        handled = duplicates = 0
        for event in events:
            try:
                done = self._handle_once(event)
            except Exception:
                logger.exception(
                    "callback handler failed on event %r (%s); %d event(s) of the batch handled before it",
                    event.id,
                    event.event,
                    handled,
                )
                return _reply(
                    500,
                    status="error",
                    error="the handler failed; the service will deliver the batch again",
                    failed_id=event.id,
                    handled=handled,
                )
            if done:
                handled += 1
            else:
                duplicates += 1
        return _reply(200, status="ok", received=len(events), handled=handled, duplicates=duplicates)

    def receive(self, body: bytes, *, authorization: str | None = None, query_string: str | None = None) -> Reply:
        """The whole check for a framework that has read the body already: secret, size, events."""
        if not self.authorized(authorization, query_string):
            return self.unauthorized()
        return self.deliver(body)

    # -- exactly once per id ---------------------------------------------------------------
    def _handle_once(self, event: CallbackEvent) -> bool:
        """Call the handler unless the event was handled before; True when it was called."""
        event_id = event.id
        if event_id is None:  # nothing to recognise it by: every delivery of it is handled
            self.handler(event)
            return True
        with self._idle:
            while event_id in self._busy:  # the same event, in another delivery, right now
                self._idle.wait()
            self._busy.add(event_id)
        try:
            if self.dedupe.seen(event_id):
                return False
            self.handler(event)
            self.dedupe.remember(event_id)
            return True
        finally:
            with self._idle:
                self._busy.discard(event_id)
                self._idle.notify_all()


class CallbackApp:
    """A WSGI application around a :class:`Receiver` (``.receiver``)."""

    def __init__(self, receiver: Receiver) -> None:
        self.receiver = receiver

    def __repr__(self) -> str:
        return f"CallbackApp({self.receiver!r})"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        reply = self._answer(environ)
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(reply.body)))]
        start_response(reply.status_line, headers + list(reply.headers))
        return [reply.body]

    def _answer(self, environ: dict[str, Any]) -> Reply:
        receiver = self.receiver
        if environ.get("REQUEST_METHOD", "GET").upper() != "POST":
            return _reply(405, (("Allow", "POST"),), status="fail", error="callbacks are delivered with POST")
        if not receiver.authorized(environ.get("HTTP_AUTHORIZATION"), environ.get("QUERY_STRING")):
            return receiver.unauthorized()
        declared = (environ.get("CONTENT_LENGTH") or "").strip()
        stream = environ.get("wsgi.input")
        if declared:
            if not declared.isascii() or not declared.isdigit():
                return _reply(400, status="fail", error="Content-Length is not a number")
            length = int(declared)
            if length > receiver.max_bytes:
                return receiver.too_large()
            body = _read(stream, length)
        elif environ.get("wsgi.input_terminated"):  # the server de-chunked the body and marks its end
            body = _read(stream, receiver.max_bytes + 1)
        else:
            return _reply(411, status="fail", error="a Content-Length is required")
        return receiver.deliver(body)


def _read(stream: Any, length: int) -> bytes:
    """Up to ``length`` bytes of the request body (fewer when it ends first)."""
    if stream is None or length <= 0:
        return b""
    chunks: list[bytes] = []
    remaining = length
    for _ in range(length):  # bounded: each pass reads at least one byte, or the body has ended
        chunk = stream.read(min(remaining, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
        if remaining <= 0:
            break
    return b"".join(chunks)


def wsgi_app(
    handler: Handler,
    *,
    secret: str | Secret | None = None,
    dedupe: DedupeStore | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CallbackApp:
    """A WSGI application that receives SMTP.com callbacks and calls ``handler(event)`` once for
    each new event (see :class:`Receiver` for the options and the module for the answers).

    Mount it in any WSGI server, or in Flask under a path with
    ``werkzeug.middleware.dispatcher.DispatcherMiddleware``.
    """
    return CallbackApp(Receiver(handler, secret=secret, dedupe=dedupe, max_bytes=max_bytes))
