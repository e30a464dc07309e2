"""The local HTTP/1.1 servers of the tests: one engine, two faces.

``RecordingServer`` (the wire tests' server, also the ``server`` fixture of ``conftest.py``)
records every request and answers what the test queued with ``reply(...)``, or a plain
success. ``MisbehavingServer`` (the reliability tests' server) misbehaves on cue.

The engine listens on 127.0.0.1, port 0 (an ephemeral port), speaks just enough HTTP/1.1
over raw sockets to do things a well-behaved server never does, and counts every request it
reads in full, so that a test can prove how many times a request went out::

    server = MisbehavingServer()
    server.plan(reset(), reply(503), reply(200, {...}))   # one behaviour per request, in order
    ...                                                   # then: echo() for every request
    assert server.count == 3

Behaviours (each handles one request that has been read in full):

* ``reply(status, body, headers)``: an answer; ``body`` a JSON value, or bytes sent as is.
* ``echo()`` (the default): 200 with JSON built from the request: a send gets ``msg_id`` equal
  to its ``subject``; a read gets one item whose ``msg_id`` is the ``msg_id`` query parameter.
* ``stall(seconds)``: never answer (until ``seconds`` pass or the server closes), then hang up.
* ``delay(seconds, then)``: answer with ``then`` after ``seconds``.
* ``reset()``: hang up with a TCP reset after reading the request.
* ``hang_up()``: close the connection without answering.
* ``html(status)``: an HTML page, as a proxy would send.
* ``truncated(status, sent, declared)``: a ``Content-Length`` larger than the bytes sent, then close.
* ``trickle(body, interval)``: the headers, then the body one byte every ``interval`` seconds.
* ``retry_after(value, status=429)``: a 429 with ``Retry-After: value`` (seconds or an HTTP date).
* ``header_trickle(lines, interval, then)``: the status line of ``then``'s answer, then one
  header line every ``interval`` seconds, then the rest of the answer.
* ``interim(status, count, interval, then)``: ``count`` interim replies (``100 Continue``,
  ``102 Processing``, ``103 Early Hints``), one every ``interval`` seconds, then ``then``.
* ``echo_credentials(status)``: an error whose body (text and JSON) and headers repeat the
  request's credentials: its ``X-SMTPCOM-API`` key, its basic-auth user, password and token,
  its ``api_key`` query value.
* ``nested(status, depth)``: an error body of ``"[" * depth``, inside an error envelope.
* ``gzip_bomb(inflated, status)``: a small gzip body that inflates to ``inflated`` bytes.

Other unreachable places: ``refused_url()`` (a port that was bound and closed: connection
refused), ``MisbehavingServer(start=False)`` (bound, refuses until ``start()``), and
``Blackhole`` (a listener whose backlog is full: the TCP handshake never completes, so a
connect times out).

Every wait is bounded (at most ``MAX_WAIT`` seconds), and ``close()`` ends every connection.
"""

from __future__ import annotations

import http
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import smtp

#: the longest any behaviour or socket read waits, in seconds
MAX_WAIT = 20.0

Behaviour = Callable[["Exchange"], bool]  # returns whether the connection stays open


class Seen:
    """One request as the server read it."""

    def __init__(
        self,
        method: str,
        target: str,
        raw_head: bytes,
        headers: list[tuple[str, str]],
        body: bytes,
        peer: tuple[str, int],
    ) -> None:
        self.method = method
        self.target = target
        split = urlsplit(target)
        self.path = split.path
        self.raw_query = split.query
        self.query: dict[str, list[str]] = parse_qs(split.query, keep_blank_values=True)
        self.raw_head = raw_head
        self.header_list = headers
        self.headers = dict(headers)
        self.body = body
        self.peer = peer

    def header(self, name: str) -> str | None:
        """The value of the first header called ``name`` (any case), or None."""
        for key, value in self.header_list:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Exchange:
    """One request and the connection to answer it on, handed to a behaviour."""

    def __init__(self, server: MisbehavingServer, conn: socket.socket, request: Seen) -> None:
        self.server = server
        self.conn = conn
        self.request = request

    def send(self, data: bytes) -> bool:
        """Send bytes; False when the client has gone."""
        try:
            self.conn.sendall(data)
            return True
        except OSError:
            return False

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False when the server is closing."""
        return not self.server.stopping.wait(min(seconds, MAX_WAIT))


def _head(status: int, headers: dict[str, str], length: int | None) -> bytes:
    lines = [f"HTTP/1.1 {status:d} {_reason(status)}"]
    lines += ["{}: {}".format(*item) for item in headers.items()]
    if length is not None:
        lines.append(f"Content-Length: {length:d}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Status"


def _encode(body: Any) -> tuple[bytes, str | None]:
    if isinstance(body, bytes):
        return body, None
    return json.dumps(body).encode(), "application/json"


# -- behaviours ---------------------------------------------------------------------------
def reply(status: int = 200, body: Any = None, headers: dict[str, str] | None = None) -> Behaviour:
    """Answer ``status`` with ``body`` (a JSON value, or bytes as they are)."""
    if body is None:
        body = (
            {"status": "success", "data": {"msg_id": "queued-reply"}}
            if status < 300
            else {"status": "fail", "data": {}}
        )
    data, content_type = _encode(body)
    hdrs = {"Content-Type": content_type} if content_type else {}
    hdrs.update(headers or {})

    def act(ex: Exchange) -> bool:
        return ex.send(_head(status, hdrs, len(data)) + data)

    return act


def echo() -> Behaviour:
    """200 with JSON made from the request, so each reply can be matched to its request."""

    def act(ex: Exchange) -> bool:
        request = ex.request
        if request.method == "GET":
            marker = (request.query.get("msg_id") or [""])[0]
            payload: Any = {"status": "success", "data": {"items": [{"msg_id": marker}]}}
        else:
            try:
                marker = json.loads(request.body).get("subject") or "no-subject"
            except (ValueError, AttributeError):
                marker = "not-json"
            payload = {"status": "success", "data": {"msg_id": marker}}
        return reply(200, payload)(ex)

    return act


def stall(seconds: float = MAX_WAIT) -> Behaviour:
    """Never answer: hold the connection for ``seconds`` (or until the server closes), then hang up."""

    def act(ex: Exchange) -> bool:
        ex.wait(seconds)
        return False

    return act


def delay(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Answer with ``then`` (default: echo) after ``seconds``."""

    def act(ex: Exchange) -> bool:
        if not ex.wait(seconds):
            return False
        return (then or echo())(ex)

    return act


def reset() -> Behaviour:
    """Hang up with a TCP reset (RST) right after reading the request."""

    def act(ex: Exchange) -> bool:
        ex.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return False

    return act


def hang_up() -> Behaviour:
    """Close the connection (FIN) without answering."""
    return lambda ex: False


def html(status: int = 200) -> Behaviour:
    """An HTML error page, as a proxy or a load balancer sends."""
    page = b"<html><head><title>Gateway</title></head><body><h1>Something went wrong</h1></body></html>"
    return reply(status, page, {"Content-Type": "text/html; charset=utf-8"})


def truncated(status: int = 200, sent: bytes = b'{"status": "success", "da', declared: int = 1000) -> Behaviour:
    """Declare ``declared`` bytes of JSON, send only ``sent``, then close."""

    def act(ex: Exchange) -> bool:
        ex.send(_head(status, {"Content-Type": "application/json"}, declared) + sent)
        return False

    return act


def trickle(body: Any = None, interval: float = 0.05) -> Behaviour:
    """Send the headers at once, then the body one byte every ``interval`` seconds."""
    if body is None:
        body = {"status": "success", "data": {"msg_id": "x" * 200}}
    data, _ = _encode(body)

    def act(ex: Exchange) -> bool:
        if not ex.send(_head(200, {"Content-Type": "application/json"}, len(data))):
            return False
        for i in range(len(data)):
            if not (ex.send(data[i : i + 1]) and ex.wait(interval)):
                return False
        return True

    return act


def retry_after(value: str, status: int = 429) -> Behaviour:
    """A ``status`` (429 by default) asking the client to wait: ``Retry-After: value``."""
    return reply(status, {"status": "fail", "data": {"error": "slow down"}}, {"Retry-After": value})


def _answer(status: int, body: Any, headers: dict[str, str] | None = None) -> bytes:
    data, content_type = _encode(body)
    hdrs = {"Content-Type": content_type} if content_type else {}
    hdrs.update(headers or {})
    return _head(status, hdrs, len(data)) + data


def header_trickle(lines: int = 10, interval: float = 0.3, status: int = 200, body: Any = None) -> Behaviour:
    """The status line, then ``lines`` header lines one every ``interval`` seconds, then the
    rest of a complete answer (a client without a deadline on the headers gets it, late)."""
    if body is None:
        body = {"status": "success", "data": {"msg_id": "after-the-trickle", "items": []}}
    answer = _answer(status, body)
    first, _, rest = answer.partition(b"\r\n")

    def act(ex: Exchange) -> bool:
        if not ex.send(first + b"\r\n"):
            return False
        for i in range(lines):
            if not (ex.wait(interval) and ex.send(f"X-Trickle-{i:d}: {i:d}\r\n".encode())):
                return False
        return ex.send(rest)

    return act


_INTERIM_REASONS = {100: "Continue", 102: "Processing", 103: "Early Hints"}


def interim(status: int = 100, count: int = 1, interval: float = 0.0, then: Behaviour | None = None) -> Behaviour:
    """``count`` interim replies of ``status``, one every ``interval`` seconds, then ``then``
    (default: echo). A 103 carries a ``Link`` header, as Early Hints do."""
    extra = "Link: </style.css>; rel=preload\r\n" if status == 103 else ""
    head = f"HTTP/1.1 {status:d} {_INTERIM_REASONS.get(status, 'Interim')}\r\n{extra}\r\n".encode()

    def act(ex: Exchange) -> bool:
        for i in range(count):
            if i and interval and not ex.wait(interval):
                return False
            if not ex.send(head):
                return False
        return (then or echo())(ex)

    return act


def echo_credentials(status: int = 401) -> Behaviour:
    """An error reply that repeats every credential of the request, in its text, its JSON
    field errors and a header."""

    def act(ex: Exchange) -> bool:
        request = ex.request
        found = []
        key = request.header("X-SMTPCOM-API")
        if key:
            found.append(key)
        auth = request.header("Authorization")
        if auth:
            import base64

            token = auth.partition(" ")[2]
            found.append(token)
            user, _, password = base64.b64decode(token).decode("utf-8", "replace").partition(":")
            found += [user, password]
        found += request.query.get("api_key", [])
        text = " ".join(found)
        body = {
            "status": "fail",
            "data": {"message": f"Invalid credentials: {text}", "errors": {"api_key": f"{text} is not valid"}},
        }
        return ex.send(_answer(status, body, {"X-Echo": text[:200]}))

    return act


def nested(status: int = 400, depth: int = 200000, opener: str = "[") -> Behaviour:
    """An error reply whose JSON nests ``depth`` deep (``opener`` repeated, never closed)."""
    body = b'{"status": "fail", "data": {"errors": ' + opener.encode() * depth + b"}}"

    def act(ex: Exchange) -> bool:
        return ex.send(_answer(status, body, {"Content-Type": "application/json"}))

    return act


_BOMBS: dict[int, bytes] = {}


def gzip_bomb(inflated: int = 256 << 20, status: int = 200) -> Behaviour:
    """A gzip body (JSON that opens a string, then zeros) that inflates to ``inflated`` bytes."""
    if inflated not in _BOMBS:
        import zlib

        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        parts = [packer.compress(b'{"status": "success", "data": {"msg_id": "')]
        block = b"0" * (1 << 20)
        for _ in range(inflated >> 20):
            parts.append(packer.compress(block))
        parts.append(packer.compress(b'"}}') + packer.flush())
        _BOMBS[inflated] = b"".join(parts)
    data = _BOMBS[inflated]

    def act(ex: Exchange) -> bool:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return ex.send(_head(status, headers, len(data)) + data)

    return act


# -- the server -----------------------------------------------------------------------------
class MisbehavingServer:
    """The server. ``start=False`` binds the port but does not listen (connections are refused)
    until ``start()`` is called."""

    def __init__(self, start: bool = True) -> None:
        self.requests: list[Seen] = []
        self.connections = 0
        self.stopping = threading.Event()
        self._plan: list[Behaviour] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port:d}"
        self._accepting: threading.Thread | None = None
        if start:
            self.start()

    def start(self) -> None:
        """Listen and serve (once)."""
        if self._accepting is None:
            self._sock.listen(64)
            self._sock.settimeout(0.05)
            self._accepting = threading.Thread(target=self._accept_loop, daemon=True)
            self._accepting.start()

    def plan(self, *behaviours: Behaviour, replace: bool = False) -> None:
        """Queue behaviours: each request takes the next one; echo() when none is left.
        ``replace=True`` drops what was still queued first."""
        with self._lock:
            if replace:
                self._plan.clear()
            self._plan.extend(behaviours)

    @property
    def count(self) -> int:
        """How many requests were read in full."""
        with self._lock:
            return len(self.requests)

    @property
    def last(self) -> Seen:
        with self._lock:
            return self.requests[-1]

    def close(self) -> None:
        """Stop serving and end every connection."""
        self.stopping.set()
        if self._accepting is not None:
            self._accepting.join(timeout=5)
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._sock.close()

    def __enter__(self) -> MisbehavingServer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------
    def _default(self) -> Behaviour:
        """What a request gets when nothing is planned."""
        return echo()

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, peer = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._conns.add(conn)
            thread = threading.Thread(target=self._serve, args=(conn, peer), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket, peer: tuple[str, int]) -> None:
        conn.settimeout(MAX_WAIT)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = b""
        try:
            while not self.stopping.is_set():
                request, buffer = _read_request(conn, buffer, peer)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                    behaviour = self._plan.pop(0) if self._plan else self._default()
                if not behaviour(Exchange(self, conn, request)):
                    return
        except OSError:
            return
        finally:
            with self._lock:
                self._conns.discard(conn)
            conn.close()


def _read_request(conn: socket.socket, buffer: bytes, peer: tuple[str, int]) -> tuple[Seen | None, bytes]:
    """Read one request (head and body) from ``conn``; None when the client has gone."""
    while b"\r\n\r\n" not in buffer:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    raw_head, buffer = buffer.split(b"\r\n\r\n", 1)
    lines = raw_head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name, value.strip(" \t")))
    length = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
    while len(buffer) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    body, buffer = buffer[:length], buffer[length:]
    return Seen(method, target, raw_head, headers, body, peer), buffer


#: the answers of a ``RecordingServer`` when nothing was queued
SUCCESS_SEND = {"status": "success", "data": {"msg_id": "test-msg-id"}}
SUCCESS_GET = {"status": "success", "data": {"items": []}}

#: a request as a ``RecordingServer`` recorded it
Recorded = Seen


class RecordingServer(MisbehavingServer):
    """The server of the wire tests: records every request (``requests``, ``last``) and
    answers what was queued with ``reply()``; otherwise a success (``SUCCESS_GET`` for a GET,
    ``SUCCESS_SEND`` for anything else)."""

    def reply(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None
    ) -> None:
        """Queue the next reply: ``body`` as JSON, or ``raw`` bytes as they are."""
        data = raw if raw is not None else json.dumps(body).encode()
        hdrs = {"Content-Type": "application/json"} if raw is None else {}
        hdrs.update(headers or {})
        self.plan(reply(status, data, hdrs))

    def _default(self) -> Behaviour:
        return self._success

    @staticmethod
    def _success(ex: Exchange) -> bool:
        payload = SUCCESS_GET if ex.request.method == "GET" else SUCCESS_SEND
        return reply(200, payload)(ex)


def refused_url() -> str:
    """The URL of a port on 127.0.0.1 where nothing listens: bound, then closed."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port:d}"


class Blackhole:
    """A listener on 127.0.0.1 whose accept queue is full and never drained: the kernel drops
    new connection attempts, so a client's connect times out (no request is ever sent)."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(0)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]:d}"
        self._fillers: list[socket.socket] = []
        for _ in range(4):  # fill the backlog; these handshakes complete, later ones do not
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            try:
                filler.connect(self._sock.getsockname())
            except (BlockingIOError, InterruptedError):
                pass
            self._fillers.append(filler)
        time.sleep(0.05)

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._sock.close()

    def __enter__(self) -> Blackhole:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# -- clients for it --------------------------------------------------------------------------
@contextmanager
def messages_api(url: str, retries: Any = 0, timeout: Any = (1.0, 1.0), **settings: Any) -> Iterator[smtp.MessagesApi]:
    """A ``MessagesApi`` on a fresh ``ApiClient`` for ``url``: ``retries`` retries without
    waiting (an int) or a ``RetryPolicy``, short timeouts, an API key, and any other
    ``Configuration`` attribute as a keyword. The client is closed on exit."""
    config = smtp.Configuration(host=url, api_key=settings.pop("api_key", {"apiKey": "test-key"}))
    config.retries = smtp.RetryPolicy(total=retries, backoff_factor=0) if isinstance(retries, int) else retries
    config.timeout = timeout
    for name, value in settings.items():
        setattr(config, name, value)
    with smtp.ApiClient(config) as client:
        yield smtp.MessagesApi(client)


def read_page(api: smtp.MessagesApi, **kwargs: Any) -> Any:
    """One ``v4_messages_get`` call with valid arguments (``msg_id`` marks it)."""
    return api.v4_messages_get(1700000000, 10, 0, "main", **kwargs)
