"""The sandbox's HTTP side: a threaded ``http.server`` with routing, auth and size limits, and
``Sandbox``, which runs it in a background thread.

Every answer is built in full (status line, headers, body) and sent with one write on a
socket with TCP_NODELAY: a server that writes headers and body separately makes each
keep-alive request wait for the peer's delayed ACK (about 40 ms). HTTP/1.1 keep-alive is
supported; a request whose body is not read (too large, not framed by Content-Length, or
refused before it was read) is answered and its connection closed.

Each request is checked in this order, every refusal a JSON reply naming what is wrong: the
``Host`` header (421 unless it names this sandbox: see ``allowed_host``), the route on the
percent-decoded path (404, or 405 with ``Allow``), the framing (``Content-Length``: 400, 411,
413), the credentials (401), and only then is the body read, so an unauthenticated client
cannot make the sandbox hold a 20 MiB body. ``Expect: 100-continue`` is answered once those
checks pass.

Routes::

    GET    /v4/messages                      the items of sent messages (MessagesResponse)
    POST   /v4/messages                      send a message described as JSON
    POST   /v4/messages/mime                 send a prepared MIME message
    GET    /sandbox/messages                 envelopes of the stored messages (?channel=)
    DELETE /sandbox/messages                 delete every stored message
    GET    /sandbox/messages/{msg_id}        one message: envelope, headers, items
    GET    /sandbox/messages/{msg_id}.eml    one message's raw MIME (message/rfc822)
    GET    /, /inbox/..., /sandbox/inbox...  the web inbox (``smtp.sandbox.inbox``)
"""

from __future__ import annotations

import ipaddress
import json
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from smtp.sandbox import inbox
from smtp.sandbox.api import SandboxApi
from smtp.sandbox.delivery import CallbackDelivery
from smtp.sandbox.errors import Reject
from smtp.sandbox.resources import ResourceRouter
from smtp.sandbox.store import Store, StoredMessage
from smtp.validation import MAX_MESSAGE_BYTES

__all__ = ["MAX_QUERY_FIELDS", "MAX_REQUEST_BYTES", "Sandbox", "SandboxServer"]

#: the largest request body read: room for a 10 MB message in base64 inside JSON
MAX_REQUEST_BYTES = 2 * MAX_MESSAGE_BYTES
#: the most query parameters one request may carry
MAX_QUERY_FIELDS = 1000
_JSON = "application/json"
_MESSAGES_PREFIX = "/sandbox/messages/"
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})

# a reply: status, content type, body, extra headers
Reply = tuple[int, str, bytes, dict[str, str]]


def _json_reply(payload: Any, status: int = 200) -> Reply:
    return status, _JSON, json.dumps(payload, ensure_ascii=False).encode("utf-8"), {}


class _Handler(BaseHTTPRequestHandler):
    """One connection: reads requests, routes them, writes each reply in one piece."""

    server: SandboxServer
    protocol_version = "HTTP/1.1"
    server_version = "smtp-sandbox"
    sys_version = ""
    disable_nagle_algorithm = True  # TCP_NODELAY on every accepted connection
    timeout = 120  # seconds an idle keep-alive connection is kept

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    _expecting = False  # the request said Expect: 100-continue, and no 100 was sent yet
    _unread = False  # the request announced a body that is not read yet

    def parse_request(self) -> bool:
        self._expecting = False
        return super().parse_request()

    def do_GET(self) -> None:
        self._unread = self._has_body()
        if not self.server.begin():
            self._refuse(Reject(503, {"sandbox": "the sandbox is shutting down"}, close=True))
            return
        try:
            self._handle()
        finally:
            self.server.end()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    # -- one request --------------------------------------------------------------------
    def _handle(self) -> None:
        try:
            reply = self._respond()
        except Reject as reject:
            self._refuse(reject)
        except Exception as error:  # noqa: BLE001 - a bug in the sandbox must still get an answer
            traceback.print_exc(file=sys.stderr)
            self._refuse(Reject(500, {"sandbox": f"internal error: {type(error).__name__}: {error}"}))
        else:
            self._send(*reply)

    def _respond(self) -> Reply:
        self._check_host()
        split = urlsplit(self.path)
        path = unquote(split.path)  # the one decoded path that both routing and authentication see
        if inbox.handles(path):  # the web inbox: its own pages, JSON, session and same-origin checks
            try:
                query = parse_qs(split.query, keep_blank_values=True, max_num_fields=MAX_QUERY_FIELDS)
            except ValueError:
                raise Reject.bad_request({"request": "too many query parameters"}) from None
            return self.server.inbox.respond(
                self.command, path, query, self.headers, lambda: self._read_body(self._body_size())
            )
        handler, allowed = self.server.route(self.command, path)
        resource = None
        if handler is None and not allowed:  # the other v4 resources (smtp.sandbox.resources)
            resource, allowed = self.server.resources.route(self.command, split.path)
        if handler is None and resource is None:
            raise self._no_route(path, allowed)
        try:
            query = parse_qs(split.query, keep_blank_values=True, max_num_fields=MAX_QUERY_FIELDS)
        except ValueError:
            raise Reject.bad_request({"request": f"at most {MAX_QUERY_FIELDS} query parameters are accepted"}) from None
        # the inspection endpoints are open when no key is configured (for a browser); all else needs one
        size = self._body_size()
        needs_key = not path.startswith(self.server.open_prefixes) or bool(self.server.api.api_keys)
        if needs_key and not self.server.api.authorized(self.headers, query):
            raise Reject(401, {})
        body = self._read_body(size)
        if resource is not None:
            return resource(query, self.headers.get("Host") or "")
        assert handler is not None
        if self.command == "POST":
            return _json_reply(handler(self._json(body)))
        return handler(query)  # type: ignore[no-any-return]

    def _no_route(self, path: str, allowed: list[str]) -> Reject:
        if allowed:
            return Reject(
                405,
                {"method": f"{self.command} is not allowed here; use {', '.join(allowed)}"},
                {"Allow": ", ".join(allowed)},
            )
        shown = path[:200]
        return Reject(404, {"path": f"no endpoint {shown!r}; the API is at /v4/messages and /v4/messages/mime"})

    def _check_host(self) -> None:
        """Refuse a ``Host`` that is not a name of this sandbox: a page that reached it through DNS
        rebinding (``Host: rebind.evil.example``) must not read the stored messages."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            raise Reject.bad_request({"host": "the Host header must be given once"})
        if hosts and not self.server.allowed_host(hosts[0]):
            raise Reject(
                421,
                {
                    "host": f"{hosts[0][:100]!r} is not a name of this sandbox; start it with --allow-host NAME "
                    "to accept another name"
                },
            )

    def _has_body(self) -> bool:
        """Whether the request announces a body (which stays unread until the checks pass)."""
        length = self.headers.get("Content-Length")
        return bool(self.headers.get("Transfer-Encoding")) or (length is not None and length.strip() != "0")

    def _body_size(self) -> int:
        """The announced body's size, from the headers alone (nothing of the body is read)."""
        if self.headers.get("Transfer-Encoding"):
            raise Reject(
                411,
                {"request": "send the body with a Content-Length header (chunked encoding is not supported)"},
                close=True,
            )
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return 0
        if len(set(lengths)) > 1:
            raise Reject(400, {"request": "the Content-Length headers disagree"}, close=True)
        problem = _length_problem(lengths[0], self.server.max_request_bytes)
        if problem:
            raise Reject(problem[0], {"request": problem[1]}, close=True)
        return int(lengths[0])

    def _read_body(self, size: int) -> bytes:
        if self._expecting and size:  # the checks passed: now ask for the body
            self._expecting = False
            super().handle_expect_100()
        body = self.rfile.read(size) if size else b""
        self._unread = False
        if len(body) < size:
            raise Reject(400, {"request": "the connection closed before the whole body arrived"}, close=True)
        return body

    def _json(self, body: bytes) -> Any:
        if not body.strip():  # no body at all: the required fields are what is missing
            return {}
        content_type = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if content_type != _JSON:
            raise Reject(415, {"content_type": f"must be application/json, got {content_type or 'none'!r}"})
        try:
            return json.loads(body, parse_constant=_no_constant)
        except (ValueError, RecursionError) as error:
            raise Reject.bad_request({"request": f"the body is not valid JSON: {error}"}) from None

    def handle_expect_100(self) -> bool:
        """Defer ``100 Continue`` until the host, route, credentials and Content-Length are checked
        (``_read_body`` sends it), so a refused client never sends its body."""
        self._expecting = True
        return True

    # -- writing ------------------------------------------------------------------------
    def _refuse(self, reject: Reject) -> None:
        if reject.close or self._unread:  # an unread body would be taken as the next request
            self.close_connection = True
        self._send(reject.status, _JSON, reject.body(), reject.headers)

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str]) -> None:
        """Write the whole reply (status line, headers and body) with one write."""
        phrase = self.responses.get(status, ("",))[0]
        lines = [
            f"HTTP/1.1 {status} {phrase}",
            f"Server: {self.server_version}",
            f"Date: {self.date_time_string()}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}",
        ]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head + body if self.command != "HEAD" else head)
        self.server.log(self, status, len(body))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by ``http.server`` itself (a malformed request line, headers too long) as
        JSON too; the connection is closed after them. An unknown method (which ``http.server``
        answers 501) gets 405 with ``Allow`` on a known path, 404 elsewhere."""
        if code == 501 and getattr(self, "command", None) and getattr(self, "path", None):
            path = unquote(urlsplit(self.path).path)
            reject = self._no_route(path, self.server.route(self.command, path)[1])
            reject.close = True
            self._refuse(reject)
            return
        text = message or self.responses.get(code, ("error",))[0]
        self._refuse(Reject(code, {"request": text}, close=True))

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: requests are logged by ``SandboxServer.log`` (credentials redacted)."""


def _length_problem(length: str, limit: int) -> tuple[int, str] | None:
    """What is wrong with a Content-Length: not ASCII digits (``isdigit`` also takes ``²``), or over
    ``limit`` (a number of 5000 digits is never turned into an int)."""
    text = length.strip()
    if not (text.isascii() and text.isdigit()):
        return 400, f"Content-Length {length[:40]!r} is not a number"
    if len(text) > 15:
        return 400, f"Content-Length {text[:20]}... ({len(text)} digits) is not a plausible length"
    if int(text) > limit:
        return 413, f"the body is {text} bytes; at most {limit} are accepted"
    return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


class SandboxServer(ThreadingHTTPServer):
    """The HTTP server: one daemon thread per connection, the routes, the request accounting
    that lets ``Sandbox.stop`` finish the requests in flight before closing the store."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: a burst of new connections is queued, not dropped
    #: paths open without a credential when the sandbox has no ``api_keys`` (the inspection endpoints,
    #: for a browser); every other path needs one, so a new route is closed unless listed here
    open_prefixes: tuple[str, ...] = ("/sandbox/",)

    def __init__(
        self,
        address: tuple[str, int],
        api: SandboxApi,
        max_request_bytes: int = MAX_REQUEST_BYTES,
        log: bool = False,
        allow_hosts: Iterable[str] = (),
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.api = api
        #: the names a request's Host header may give (see ``allowed_host``)
        self.host_names = frozenset({"localhost", _host_name(address[0]), *(_host_name(h) for h in allow_hosts)})
        self.any_address = address[0] in _WILDCARDS
        self.max_request_bytes = max_request_bytes
        self.log_requests = log
        self._state = threading.Condition()
        self._active = 0
        self._draining = False
        self._connections: set[socket.socket] = set()
        # POST handlers take the decoded JSON body and return the reply's JSON; the others
        # take the query and return a whole reply
        self.routes: dict[str, dict[str, Callable[..., Any]]] = {
            "/v4/messages": {"GET": lambda query: (200, _JSON, api.get_messages(query), {}), "POST": api.post_message},
            "/v4/messages/mime": {"POST": api.post_mime},
            "/sandbox/messages": {
                "GET": lambda query: _json_reply(api.list_messages(query)),
                "DELETE": lambda query: _json_reply(api.delete_all()),
            },
        }
        self.resources = ResourceRouter(api.store, api.channels, api.clock)
        self.inbox = inbox.Inbox(api.store, bool(api.api_keys), api.accepts, api.authorized, clock=api.clock)
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without ``HTTPServer``'s reverse DNS lookup of the host (slow on some machines)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def allowed_host(self, host: str) -> bool:
        """Whether a ``Host`` header names this sandbox: ``localhost``, the bound address, a name given
        with ``allow_hosts`` (``--allow-host``), or, when bound to every address, any IP address.
        An IP address cannot be rebound by DNS; a name can, so names are accepted only when listed."""
        name = _host_name(host)
        if name in self.host_names:
            return True
        return self.any_address and _is_ip(name)

    def route(self, method: str, path: str) -> tuple[Callable[..., Any] | None, list[str]]:
        """The handler of ``method`` on ``path``, or None and the methods the path allows."""
        handlers = self.routes.get(path)
        if handlers is None and path.startswith(_MESSAGES_PREFIX) and len(path) > len(_MESSAGES_PREFIX):
            handlers = {"GET": self._message_route(path[len(_MESSAGES_PREFIX) :])}
        if handlers is None:
            return None, []
        return handlers.get(method), sorted(handlers)

    def _message_route(self, name: str) -> Callable[[Any], Reply]:
        api = self.api
        if name.endswith(".eml"):
            return lambda query: _eml_reply(api.message(name[:-4]))
        return lambda query: _json_reply(api.message_details(name))

    # -- request accounting -------------------------------------------------------------
    def begin(self) -> bool:
        """Count one request in flight; False once the server is draining (answer 503)."""
        with self._state:
            if self._draining:
                return False
            self._active += 1
            return True

    def end(self) -> None:
        """The request counted by ``begin`` is answered."""
        with self._state:
            self._active -= 1
            self._state.notify_all()

    def drain(self, timeout: float) -> bool:
        """Refuse new requests and wait until none is in flight (at most ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        with self._state:
            self._draining = True
            while self._active:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._state.wait(left)
        return True

    def track(self, connection: socket.socket, is_open: bool) -> None:
        """Remember the open connections, so that ``close_connections`` can end idle ones."""
        with self._state:
            if is_open:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """End every open connection (their threads then finish)."""
        with self._state:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-request is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def log(self, handler: BaseHTTPRequestHandler, status: int, size: int) -> None:
        """One line per request on stderr when logging is on; the query (which may hold the
        ``api_key``) is redacted."""
        if self.log_requests:
            from smtp._redact import redact_url

            stamp = time.strftime("%H:%M:%S")
            target = redact_url(getattr(handler, "path", None) or "")
            sys.stderr.write(
                f'{stamp} {handler.client_address[0]} "{handler.command or "-"} {target}" {status} {size}\n'
            )


def _host_name(host: str) -> str:
    """The host name of a ``Host`` header or an address: no port, no brackets, lower case, no final dot."""
    host = host.strip().lower()
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _eml_reply(message: StoredMessage) -> Reply:
    disposition = f'inline; filename="{message.msg_id}.eml"'
    return 200, "message/rfc822", message.raw, {"Content-Disposition": disposition}


class Sandbox:
    """A local SMTP.com Messages API: the three v4 endpoints with the service's rules, a
    mailbox simulator and inspection endpoints, served from a background thread.

    ::

        with Sandbox() as sandbox:
            config = smtp.Configuration(host=sandbox.url, api_key={"apiKey": "any"})
            ...
            sandbox.messages()  # what was sent, parsed

    :param host: address to bind, 127.0.0.1 by default (use 0.0.0.0 only on a trusted network).
    :param port: port to bind; 0 takes a free one (see ``url``).
    :param db: a SQLite file that keeps the messages across restarts; None keeps them in memory.
    :param api_keys: the only API keys accepted; when empty, any non-empty credential passes.
    :param channels: the only channel names accepted; when empty, any channel passes.
    :param max_request_bytes: the largest request body read (20 MiB by default).
    :param log: write one line per request to stderr.
    :param allow_hosts: more names that a request's ``Host`` header may give, besides ``localhost``
        and the bound address (any other name gets 421, which defeats DNS rebinding).
    :param callback_urls: URLs that get every callback event of every channel (``--callback-url``);
        callbacks registered through CallbacksApi are delivered in any case (``smtp.sandbox.delivery``).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        db: str | None = None,
        api_keys: Iterable[str] = (),
        channels: Iterable[str] = (),
        *,
        max_request_bytes: int = MAX_REQUEST_BYTES,
        log: bool = False,
        allow_hosts: Iterable[str] = (),
        callback_urls: Iterable[str] = (),
    ) -> None:
        self.host = host
        self.allow_hosts = tuple(allow_hosts)
        self.requested_port = port
        self.db = db
        self.api_keys = tuple(api_keys)
        self.channels = tuple(channels)
        self.max_request_bytes = max_request_bytes
        self.log = log
        self.callback_urls = tuple(callback_urls)
        self.delivery: CallbackDelivery | None = None
        self.store: Store | None = None
        self.api: SandboxApi | None = None
        self._server: SandboxServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> Sandbox:
        """Open the store, bind the port and serve from a daemon thread; returns self."""
        if self._server is not None:
            raise RuntimeError("this sandbox is already running")
        store = Store(self.db)
        api = SandboxApi(store, self.api_keys, self.channels)
        try:
            delivery = CallbackDelivery(store, self.callback_urls)  # checks the URLs
            server = SandboxServer(
                (self.host, self.requested_port), api, self.max_request_bytes, self.log, self.allow_hosts
            )
        except BaseException:
            store.close()
            raise
        api.on_accept = delivery.accepted
        server.inbox.on_event = delivery.simulated  # the inbox's simulate buttons produce callbacks too
        delivery.start()  # resumes what a previous run left undelivered (--db)
        self.store, self.api, self._server, self.delivery = store, api, server, delivery
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="smtp-sandbox", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting, let the requests in flight finish (up to ``timeout`` seconds),
        close the connections and the store. Safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.drain(timeout)
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout)
        if self.delivery is not None:
            self.delivery.stop(timeout)
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> Sandbox:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the sandbox is serving."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The bound port (the free one chosen when ``port=0``)."""
        return self._running_server().server_port

    @property
    def url(self) -> str:
        """The base URL to give ``smtp.Configuration(host=...)``, e.g. ``http://127.0.0.1:8025``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def inbox_url(self) -> str:
        """The web inbox's address (the root of ``url``): open it in a browser."""
        return self.url + "/"

    def _running_server(self) -> SandboxServer:
        if self._server is None:
            raise RuntimeError("the sandbox is not running: call start() or use it as a context manager")
        return self._server

    def _running_store(self) -> Store:
        self._running_server()
        assert self.store is not None
        return self.store

    # -- inspection ---------------------------------------------------------------------
    def messages(self, channel: str | None = None) -> list[StoredMessage]:
        """Every stored message (of ``channel``, when given), oldest first, with its envelope
        and its MIME parsed into an ``email.message.EmailMessage`` (``.message``)."""
        return self._running_store().messages(channel)

    def message(self, msg_id: str) -> StoredMessage:
        """The stored message with this ID; ``KeyError`` when there is none."""
        found = self._running_store().message(msg_id)
        if found is None:
            raise KeyError(msg_id)
        return found

    def reset(self) -> int:
        """Delete every stored message; returns how many there were."""
        return self._running_store().delete_all()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"<Sandbox {where} db={self.db or ':memory:'}>"
