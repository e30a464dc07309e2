"""Test helpers: a real HTTP server on 127.0.0.1 that records every request it gets and
answers what the test queued (or a plain success), and valid request models to start from."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import smtp


class Recorded:
    """One request as the server saw it."""

    def __init__(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        split = urlsplit(target)
        self.path = split.path
        self.raw_query = split.query
        self.query: dict[str, list[str]] = parse_qs(split.query, keep_blank_values=True)
        self.headers = headers
        self.body = body

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


SUCCESS_SEND = {"status": "success", "data": {"msg_id": "test-msg-id"}}
SUCCESS_GET = {"status": "success", "data": {"items": []}}


class RecordingServer:
    """An HTTP/1.1 server on an ephemeral port of 127.0.0.1 for the wire tests."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._replies: list[tuple[int, dict[str, str], bytes]] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with owner._lock:
                    owner.requests.append(Recorded(self.command, self.path, dict(self.headers.items()), body))
                    queued = owner._replies.pop(0) if owner._replies else None
                if queued is None:
                    payload = SUCCESS_GET if self.command == "GET" else SUCCESS_SEND
                    queued = (200, {"Content-Type": "application/json"}, json.dumps(payload).encode())
                status, headers, data = queued
                head = f"HTTP/1.1 {status:d} {self.responses.get(status, ('',))[0]}\r\n"
                head += "".join("{}: {}\r\n".format(*item) for item in headers.items())
                head += f"Content-Length: {len(data)}\r\n\r\n"
                self.wfile.write(head.encode("latin-1") + data)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def server_bind(self) -> None:
                self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                super().server_bind()

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port:d}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def reply(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None
    ) -> None:
        """Queue the next reply: ``body`` as JSON, or ``raw`` bytes as they are."""
        data = raw if raw is not None else json.dumps(body).encode()
        hdrs = {"Content-Type": "application/json"} if raw is None else {}
        hdrs.update(headers or {})
        with self._lock:
            self._replies.append((status, hdrs, data))

    @property
    def last(self) -> Recorded:
        return self.requests[-1]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


def make_message(**overrides: Any) -> smtp.InlineObject:
    """A valid ``InlineObject`` with one text part; keyword arguments replace fields."""
    values: dict[str, Any] = dict(
        channel="main",
        recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(name="Jane", address="jane@example.com")]),
        originator=smtp.V4MessagesOriginator(
            _from=smtp.V4MessagesRecipientsTo(name="Shop", address="shop@example.com")
        ),
        subject="Hello",
        body=smtp.V4MessagesBody(parts=[smtp.V4MessagesBodyParts(type="text/plain", content="Hi Jane")]),
    )
    values.update(overrides)
    return smtp.InlineObject(**values)


def make_mime(**overrides: Any) -> smtp.InlineObject1:
    """A valid ``InlineObject1``; keyword arguments replace fields."""
    values: dict[str, Any] = dict(
        mime="From: shop@example.com\r\nTo: jane@example.com\r\nSubject: Hi\r\n\r\nHello\r\n",
        channel="main",
        recipients=smtp.V4MessagesMimeRecipients(to=[smtp.V4MessagesRecipientsTo(address="jane@example.com")]),
        originator=smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="shop@example.com")),
    )
    values.update(overrides)
    return smtp.InlineObject1(**values)
