"""The sandbox's web inbox: every message an application sent, in a browser.

``Inbox`` answers the inbox's paths for the sandbox's HTTP server:

    GET    /                                 the inbox (``?q=`` search, ``?page=``)
    GET    /inbox/m/{msg_id}                 one message (``?view=html|text|headers|raw``)
    GET    /inbox/m/{msg_id}.eml             its raw MIME, as a download
    GET    /inbox/m/{msg_id}/body.html       its HTML body, for the sandboxed frame (``?remote=1``)
    GET    /inbox/m/{msg_id}/part/{n}        one part (an attachment), as a download
    GET    /inbox/m/{msg_id}/cid/{cid}       an inline part, by Content-ID (images only)
    GET    /inbox/static/{inbox.css,inbox.js}
    GET    /sandbox/inbox                    the data of the inbox page, as JSON
    DELETE /sandbox/inbox                    delete every message
    GET    /sandbox/inbox/{msg_id}           the data of a message page, as JSON
    POST   /sandbox/inbox/{msg_id}/simulate  ``{"rcpt": index, "event": "open"}``: add an event
    POST   /sandbox/inbox/login              ``{"key": ...}``: a session cookie, when the sandbox has keys

Security: every value from a message is escaped (``pages.esc``); the HTML body is served only
to a frame with ``sandbox`` and its own Content-Security-Policy (no script, no form, no
navigation, no remote load unless asked); the pages themselves run no inline script. With
``--api-key`` the inbox asks for a key once and keeps an HttpOnly, SameSite=Strict cookie.
Requests that change state must be same-origin: they need the ``X-Smtp-Inbox`` header (which
a cross-site form cannot send) and, where the browser sends ``Origin``, an origin of this host.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any
from urllib.parse import unquote

from smtp.sandbox.errors import Reject
from smtp.sandbox.inbox import data, pages

__all__ = ["COOKIE", "CSRF_HEADER", "Inbox"]

#: the session cookie set after the key was given once
COOKIE = "smtp_inbox"
#: the header every state-changing request of the inbox's script carries
CSRF_HEADER = "X-Smtp-Inbox"
_HTML = "text/html; charset=utf-8"
_JSON = "application/json"
_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STATIC = {"inbox.css": "text/css; charset=utf-8", "inbox.js": "text/javascript; charset=utf-8"}
_MAX_SESSIONS = 1000

Reply = tuple[int, str, bytes, dict[str, str]]


def _json(payload: Any, status: int = 200) -> Reply:
    return status, _JSON, json.dumps(payload, ensure_ascii=False).encode("utf-8"), {"Cache-Control": "no-store"}


def _page(body: bytes, status: int = 200) -> Reply:
    headers = {"Content-Security-Policy": _PAGE_CSP, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return status, _HTML, body, headers


def _download(body: bytes, content_type: str, filename: str) -> Reply:
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename)[:100] or "download"
    headers = {
        "Content-Disposition": f'attachment; filename="{safe}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
        "Cache-Control": "no-store",
    }
    return 200, content_type, body, headers


def handles(path: str) -> bool:
    """Whether ``path`` (decoded) is one of the inbox's."""
    return path == "/" or path.startswith("/inbox/") or path == "/sandbox/inbox" or path.startswith("/sandbox/inbox/")


class Inbox:
    """The inbox over a sandbox's store.

    :param store: the sandbox's ``Store``.
    :param keys_required: whether the sandbox was given API keys (then the inbox asks for one).
    :param check_key: tells whether a key (or a request's credentials) is accepted.
    :param clock: the time source (epoch seconds).
    """

    def __init__(
        self,
        store: Any,
        keys_required: bool,
        check_key: Callable[[str], bool],
        check_request: Callable[[Any, Mapping[str, list[str]]], bool],
        clock: Callable[[], float] = time.time,
        on_event: Callable[[str, int, str, dict[str, Any]], object] | None = None,
    ) -> None:
        self.store = store
        self.keys_required = keys_required
        self.check_key = check_key
        self.check_request = check_request
        self.clock = clock
        #: called after a simulated event with ``(msg_id, rcpt_index, kind, item)``
        self.on_event = on_event
        self._sessions: dict[str, float] = {}
        self._lock = threading.Lock()

    # -- entry point --------------------------------------------------------------------
    def respond(
        self, method: str, path: str, query: Mapping[str, list[str]], headers: Any, read_body: Callable[[], bytes]
    ) -> Reply:
        """Answer one request for an inbox path (``handles(path)`` is true)."""
        if path == "/sandbox/inbox/login":
            if method != "POST":
                raise Reject(405, {"method": "use POST"}, {"Allow": "POST"})
            self._same_origin(headers)
            return self._login(read_body())
        if path.startswith("/inbox/static/"):
            return self._static(path[len("/inbox/static/") :])
        signed_in = not self.keys_required or self._has_session(headers) or self.check_request(headers, query)
        is_json = path.startswith("/sandbox/")
        if not signed_in:
            if is_json or method != "GET":
                raise Reject(401, {})
            return _page(pages.login_html(), 401)
        if method not in ("GET", "HEAD"):
            self._same_origin(headers)
        if is_json:
            return self._data(method, path[len("/sandbox/inbox") :], query, read_body)
        if method not in ("GET", "HEAD"):
            raise Reject(405, {"method": f"{method} is not allowed here; use GET"}, {"Allow": "GET, HEAD"})
        try:
            return self._html(path, query)
        except _NotFound as missing:
            return _page(pages.not_found_html(missing.errors["msg_id"]), 404)

    # -- sessions -----------------------------------------------------------------------
    def _login(self, body: bytes) -> Reply:
        try:
            key = json.loads(body or b"{}").get("key")
        except (ValueError, AttributeError):
            key = None
        if not isinstance(key, str) or not key or not self.check_key(key):
            return _json({"status": "fail", "data": {"errors": {"key": "is not one of this sandbox's keys"}}}, 401)
        token = secrets.token_urlsafe(32)
        with self._lock:
            if len(self._sessions) >= _MAX_SESSIONS:
                self._sessions.pop(next(iter(self._sessions)))
            self._sessions[token] = self.clock()
        status, ctype, payload, headers = _json({"status": "success", "data": {}})
        headers["Set-Cookie"] = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
        return status, ctype, payload, headers

    def _has_session(self, headers: Any) -> bool:
        from http.cookies import CookieError, SimpleCookie

        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("Cookie") or "")
        except CookieError:
            return False
        morsel = cookie.get(COOKIE)
        if morsel is None:
            return False
        with self._lock:
            return any(secrets.compare_digest(morsel.value, token) for token in self._sessions)

    @staticmethod
    def _same_origin(headers: Any) -> None:
        """Refuse a state-changing request that a page of another site could have sent."""
        if headers.get(CSRF_HEADER) != "1":
            raise Reject(403, {"request": f"send the {CSRF_HEADER}: 1 header (the inbox's page does)"})
        origin, host = headers.get("Origin"), headers.get("Host")
        if origin is not None and origin not in (f"http://{host}", f"https://{host}"):
            raise Reject(403, {"request": "a request from another origin"})

    # -- JSON ---------------------------------------------------------------------------
    def _data(self, method: str, rest: str, query: Mapping[str, list[str]], read_body: Callable[[], bytes]) -> Reply:
        if rest in ("", "/"):
            if method == "DELETE":
                return _json({"status": "success", "data": {"deleted": self.store.delete_all()}})
            if method != "GET":
                raise Reject(405, {"method": f"{method} is not allowed here"}, {"Allow": "DELETE, GET"})
            return _json({"status": "success", "data": self._inbox_page(query)})
        msg_id, _, action = rest[1:].partition("/")
        if action == "simulate":
            if method != "POST":
                raise Reject(405, {"method": "use POST"}, {"Allow": "POST"})
            return self._simulate(msg_id, read_body())
        if action or method != "GET":
            raise Reject(404, {"path": "no such inbox endpoint"})
        stored = self._message(msg_id)
        return _json({"status": "success", "data": data.message_view(stored, self.store.item_rows([msg_id]))})

    def _inbox_page(self, query: Mapping[str, list[str]]) -> dict[str, Any]:
        text = (query.get("q") or [""])[-1][:500]
        number = (query.get("page") or ["1"])[-1]
        page = int(number) if number.isascii() and number.isdigit() and len(number) < 7 else 1
        return data.inbox_page(self.store, text, page)

    def _simulate(self, msg_id: str, body: bytes) -> Reply:
        try:
            request = json.loads(body or b"null")
        except ValueError:
            request = None
        if not isinstance(request, dict):
            raise Reject.bad_request({"request": "the body must be a JSON object with 'rcpt' and 'event'"})
        kind, rcpt = request.get("event"), request.get("rcpt")
        errors = {}
        if kind not in data.SIMULATIONS:
            errors["event"] = f"must be one of {', '.join(data.SIMULATIONS)}"
        if not isinstance(rcpt, int) or isinstance(rcpt, bool) or rcpt < 0:
            errors["rcpt"] = "must be the recipient's index (0 or more)"
        if errors or not isinstance(kind, str) or not isinstance(rcpt, int):
            raise Reject.bad_request(errors)
        self._message(msg_id)
        item = data.simulate(self.store, msg_id, rcpt, kind, self.clock())
        if item is None:
            raise Reject(404, {"rcpt": f"message {msg_id!r} has no recipient {rcpt}"})
        if self.on_event is not None:
            self.on_event(msg_id, rcpt, kind, item)
        return _json({"status": "success", "data": {"item": item}})

    def _message(self, msg_id: str) -> Any:
        stored = self.store.message(msg_id) if msg_id else None
        if stored is None:
            raise Reject(404, {"msg_id": f"no message {msg_id[:80]!r} is stored"})
        return stored

    # -- HTML ---------------------------------------------------------------------------
    def _static(self, name: str) -> Reply:
        if name not in _STATIC:
            return _page(pages.not_found_html("no such file"), 404)
        body = resources.files("smtp.sandbox.inbox").joinpath("static").joinpath(name).read_bytes()
        return 200, _STATIC[name], body, {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}

    def _html(self, path: str, query: Mapping[str, list[str]]) -> Reply:
        if path == "/":
            return _page(pages.inbox_html(self._inbox_page(query)))
        if path == "/inbox/callbacks":
            return _page(pages.callbacks_html(*self.callbacks()))
        if not path.startswith("/inbox/m/"):
            return _page(pages.not_found_html(f"no page {path[:80]}"), 404)
        rest = path[len("/inbox/m/") :]
        if rest.endswith(".eml") and "/" not in rest:
            stored = self._html_message(rest[:-4])
            return _download(stored.raw, "message/rfc822", f"{stored.msg_id}.eml")
        msg_id, _, sub = rest.partition("/")
        stored = self._html_message(msg_id)
        if not sub:
            view = data.message_view(stored, self.store.item_rows([msg_id]))
            return _page(pages.message_html(msg_id, view, (query.get("view") or [""])[-1]))
        if sub == "body.html":
            return self._body(stored, (query.get("remote") or ["0"])[-1] == "1")
        kind, _, name = sub.partition("/")
        if kind == "part" and name.isascii() and name.isdigit() and len(name) < 7:
            part = data.find_part(stored, number=int(name))
            if part is not None:
                return _download(_payload(part), part.get_content_type(), part.get_filename() or f"part-{name}")
        if kind == "cid" and name:
            part = data.find_part(stored, cid=unquote(name))
            if part is not None and part.get_content_maintype() == "image":
                headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'"}
                return 200, part.get_content_type(), _payload(part), headers
        return _page(pages.not_found_html("no such part"), 404)

    def _html_message(self, msg_id: str) -> Any:
        stored = self.store.message(msg_id) if msg_id else None
        if stored is None:
            raise _NotFound(msg_id)
        return stored

    def _body(self, stored: Any, remote: bool) -> Reply:
        from urllib.parse import quote

        base = f"/inbox/m/{quote(stored.msg_id, safe='')}/cid/"
        html = data.html_body(stored, base)
        if html is None:
            return _page(pages.not_found_html("this message has no HTML part"), 404)
        images = "* data:" if remote else "'self' data:"
        csp = (
            f"default-src 'none'; img-src {images}; style-src 'unsafe-inline'; font-src data:; "
            "form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox"
        )
        headers = {
            "Content-Security-Policy": csp,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        }
        return 200, _HTML, html.encode("utf-8", "replace"), headers

    def callbacks(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The registered callbacks and the delivery log, for the callbacks page."""
        from smtp.sandbox.resources.callbacks import overview

        return overview(self.store)


class _NotFound(Reject):
    def __init__(self, msg_id: str) -> None:
        super().__init__(404, {"msg_id": f"no message {msg_id[:80]!r} is stored"})


def _payload(part: Any) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""
