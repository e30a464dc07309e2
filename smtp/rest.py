"""The transport: one ``urllib3.PoolManager``, TLS, proxy, timeouts and retries.

``RESTClientObject.request`` sends one logical request and either returns a 2xx
``RESTResponse`` or raises an ``ApiException`` subclass: non-2xx replies by status, transport
failures as ``ApiConnectionError``/``ApiTimeoutError`` with the urllib3 error chained. No
urllib3 exception escapes. Retries follow ``smtp.retry.RetryPolicy``: a send is retried only
when it provably never reached the server, or on 429.

Each try has one deadline: ``connect + read`` seconds after it starts (or the ``total`` of a
``urllib3.Timeout``). It is enforced at the socket: before every read of the reply (status
line, headers, interim 1xx replies, body) and every write of the request, the socket's
timeout is set to what is left of the deadline, so a server trickling its reply a byte at a
time, or repeating ``100 Continue``, cannot hold a caller past it, on urllib3 1.26 and 2.x
alike. Interim replies (100, 102, 103) are skipped, never taken for the answer.

A reply body is read in full up to ``Configuration.max_response_bytes`` once decoded (a
gzip or deflate body is inflated here, a bounded piece at a time); a bigger one raises
``UnexpectedResponseError`` without being held in memory.
"""

from __future__ import annotations

import http.client
import logging
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from http.client import HTTPException
from typing import Any
from urllib.parse import urlencode

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    EmptyPoolError,
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from smtp._http import headers_problem, interim_status
from smtp._redact import SENSITIVE_HEADERS, redact_text, redact_url, scrub_exception, url_secrets
from smtp.exceptions import (
    MAYBE_ACCEPTED,
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    UnexpectedResponseError,
)
from smtp.retry import MAYBE_SENT, NEVER_SENT, RetryPolicy, is_idempotent, parse_retry_after

try:  # urllib3 2.x
    from urllib3.exceptions import ProxySchemeUnknown
except ImportError:  # pragma: no cover
    ProxySchemeUnknown = ValueError  # type: ignore[misc,assignment]

# public names the generated SDK had here
__all__ = ["ApiException", "RESTClientObject", "RESTResponse", "check_headers"]

logger = logging.getLogger("smtp")

#: bytes asked for per read of a reply body (a read returns what has arrived, up to this)
_CHUNK = 1 << 16
# a request target that urllib3's URL parser would pass through unchanged
_PLAIN_TARGET = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*")
# what urllib3 makes of retries=False, redirect=False, built once instead of on every request
_NO_RETRIES = urllib3.Retry(False, redirect=False)
_MAX_CHUNK = 1 << 22


class RESTResponse:
    """A reply that has been read in full: ``status``, ``reason``, ``data`` (bytes) and headers."""

    __slots__ = ("data", "reason", "status", "urllib3_response", "_request")

    def __init__(
        self, resp: Any, data: bytes | None = None, request: tuple[Mapping[str, str], str] | None = None
    ) -> None:
        self.urllib3_response = resp
        self.status: int = resp.status
        self.reason: str | None = resp.reason
        self.data: bytes = resp.data if data is None else data
        self._request = request  # (headers, url) of the request, for request_secrets

    @property
    def request_secrets(self) -> list[str]:
        """The credentials the request carried, so that an error made from this reply can
        redact them wherever the server echoed them. Never shown."""
        return _secrets(*self._request) if self._request is not None else []

    def getheaders(self) -> Mapping[str, str]:
        """The reply headers (a case-insensitive mapping)."""
        return self.urllib3_response.headers  # type: ignore[no-any-return]

    def getheader(self, name: str, default: str | None = None) -> str | None:
        """One reply header, or ``default``."""
        return self.urllib3_response.headers.get(name, default)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<RESTResponse status={self.status} reason={self.reason!r} bytes={len(self.data or b'')}>"


class _BrokenBody(Exception):
    """The reply's body could not be read in full: what did arrive, and why it stopped."""

    def __init__(
        self, partial: bytes, error: BaseException | None, timed_out: bool, problem: str | None = None
    ) -> None:
        super().__init__("reply body broken")
        self.partial = partial
        self.error = error
        self.timed_out = timed_out
        #: set when the body arrived but cannot be taken (too large, an unknown coding)
        self.problem = problem


# -- the deadline of a try, enforced at the socket -------------------------------------------
class _Deadline:
    """The deadline of the try in flight on this thread (``time.monotonic()`` seconds), or None;
    before ``relaxed_until`` no socket wait (at most the longest timeout) can reach it."""

    __slots__ = ("at", "relaxed_until")

    def __init__(self) -> None:
        self.at: float | None = None
        self.relaxed_until = 0.0


#: the try in flight on each thread: the connection and reply classes below read it
_current = threading.local()
#: interim replies skipped before the answer at most (each is also bounded by the deadline)
_MAX_INTERIM = 32


def _deadline_timeout(deadline: _Deadline | None, usual: float | None) -> float | None:
    """The socket timeout for the next wait: what is left of the deadline when that is less
    than ``usual``; raises ``TimeoutError`` when nothing is left."""
    at = deadline.at if deadline is not None else None
    if at is None:
        return usual
    left = at - time.monotonic()
    if left <= 0:
        raise TimeoutError("the try's deadline passed")
    return left if usual is None or left < usual else usual


class _DeadlineIO(socket.SocketIO):
    """The socket stream a reply is read from (``http.client`` buffers it); each read waits at
    most until the try's deadline. ``_DeadlineResponse`` gives the stream it was built with
    this class, so a reply costs no extra object and a read far from the deadline no extra call."""

    _deadline: _Deadline | None = None
    _usual: float | None = None  # the read timeout urllib3 set for this reply

    def readinto(self, buffer: Any) -> int | None:
        deadline = self._deadline
        at = deadline.at if deadline is not None else None
        usual = self._usual
        if at is None or (usual is not None and at - time.monotonic() > usual):  # the usual wait ends first
            return super().readinto(buffer)
        sock = self._sock  # type: ignore[attr-defined]
        sock.settimeout(_deadline_timeout(deadline, usual))
        try:
            return super().readinto(buffer)
        finally:
            sock.settimeout(usual)  # a pooled connection keeps its usual timeout


class _DeadlineResponse(http.client.HTTPResponse):
    """A reply read under the try's deadline, skipping interim (1xx) replies."""

    def __init__(self, sock: Any, debuglevel: int = 0, method: str | None = None, url: str | None = None) -> None:
        super().__init__(sock, debuglevel, method, url)
        raw = self.fp.raw
        if type(raw) is socket.SocketIO:  # what socket.makefile (and urllib3's TLS-in-TLS) returns
            raw.__class__ = _DeadlineIO
            raw._deadline = getattr(_current, "deadline", None)  # type: ignore[attr-defined]
            raw._usual = sock.gettimeout()  # type: ignore[attr-defined]

    def begin(self) -> None:
        if self.headers is not None:
            return
        for _ in range(_MAX_INTERIM):
            super().begin()  # skips 100 Continue itself, within the deadline
            if self.status >= 200 or not interim_status(self.status):
                return
            self.headers = self.msg = None  # type: ignore[assignment]  # 102, 103: the answer follows
        raise HTTPException(f"more than {_MAX_INTERIM:d} interim (1xx) replies")


class _DeadlineSends:
    """Writes of the request wait at most until the try's deadline."""

    def send(self, data: Any) -> None:
        deadline = getattr(_current, "deadline", None)
        sock = self.sock  # type: ignore[attr-defined]
        # no try in flight, no socket yet (http.client connects first), or the deadline is far
        if deadline is None or deadline.at is None or sock is None or time.monotonic() < deadline.relaxed_until:
            return super().send(data)  # type: ignore[misc,no-any-return]
        usual = sock.gettimeout()
        sock.settimeout(_deadline_timeout(deadline, usual))
        try:
            return super().send(data)  # type: ignore[misc,no-any-return]
        finally:
            sock.settimeout(usual)


class _HTTPConnection(_DeadlineSends, HTTPConnection):
    response_class = _DeadlineResponse


class _HTTPSConnection(_DeadlineSends, HTTPSConnection):
    response_class = _DeadlineResponse


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection  # type: ignore[assignment]


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


def _verb(method: str) -> Any:
    """``RESTClientObject.<method>(url, headers=None, query_params=None, post_params=None,
    body=None, _preload_content=True, _request_timeout=None)``, as the generated SDK spells it."""

    def send(
        self: RESTClientObject,
        url: str,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        return self.request(
            method,
            url,
            headers=headers,
            query_params=query_params,
            post_params=post_params,
            body=body,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )

    send.__name__ = send.__qualname__ = method
    send.__doc__ = f"Send a {method} (the generated SDK's helper: ``request({method!r}, ...)``)."
    return send


class RESTClientObject:
    """Sends requests for an ``ApiClient``. One per client, safe to share across threads."""

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: int | None = None) -> None:
        self.configuration = configuration
        self.retry_policy = RetryPolicy.from_setting(configuration.retries)
        self._pools_size = pools_size
        self._maxsize = maxsize if maxsize is not None else configuration.connection_pool_maxsize
        #: how the transport waits between tries (a seam for tests: replace to record the waits)
        self.sleep: Callable[[float], None] = time.sleep
        self.pool_manager = self._new_pool_manager()

    def _new_pool_manager(self) -> urllib3.PoolManager:
        config = self.configuration
        cert_reqs = ssl.CERT_REQUIRED if config.verify_ssl else ssl.CERT_NONE
        ca_certs = config.ssl_ca_cert
        if ca_certs is None and config.verify_ssl:
            import certifi  # imported here: it costs more import time than the rest of the SDK

            ca_certs = certifi.where()
        kwargs: dict[str, Any] = {
            "num_pools": self._pools_size,
            "maxsize": self._maxsize,
            "cert_reqs": cert_reqs,
            "ca_certs": ca_certs,
            "cert_file": config.cert_file,
            "key_file": config.key_file,
            "retries": False,
            "block": False,
        }
        if config.assert_hostname is not None:
            kwargs["assert_hostname"] = config.assert_hostname
        self._pools: dict[str, Any] = {}  # origin -> its connection pool, see _urlopen
        manager: urllib3.PoolManager
        if config.proxy is not None and config.proxy != "":  # "" means none, as it did
            manager = _proxy_manager(config.proxy, config.proxy_headers, kwargs)
        else:
            manager = urllib3.PoolManager(**kwargs)
        manager.pool_classes_by_scheme = _POOLS  # type: ignore[assignment]
        return manager

    def _urlopen(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: urllib3.Timeout
    ) -> Any:
        """``pool_manager.request`` without its per-request URL parsing and pool-key building
        (a quarter of urllib3's own time per small request): the connection pool of the URL's
        origin is looked up once and kept. A proxy, or a target that urllib3 would rewrite
        (characters it escapes, dot segments), goes through the manager as before."""
        manager = self.pool_manager
        scheme_end = url.find("://")
        cut = url.find("/", scheme_end + 3) if scheme_end > 0 else -1
        if cut > 0 and type(manager) is urllib3.PoolManager and "/." not in url and _PLAIN_TARGET.fullmatch(url, cut):
            origin = url[:cut]
            pool = self._pools.get(origin)
            if pool is None or pool.pool is None:  # first use, or closed by clear() or eviction
                pool = self._pools[origin] = manager.connection_from_url(origin)
            return pool.urlopen(
                method,
                url[cut:],
                body=body,
                headers=headers,
                timeout=timeout,
                retries=_NO_RETRIES,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
            )
        return manager.request(
            method,
            url,
            body=body,
            headers=headers,
            timeout=timeout,
            retries=_NO_RETRIES,
            redirect=False,
            preload_content=False,
        )

    def reset_after_fork(self) -> None:
        """Drop the connections inherited from the parent process (they belong to it)."""
        self.pool_manager = self._new_pool_manager()

    def close(self) -> None:
        """Close every pooled connection."""
        self.pool_manager.clear()

    # -- the request path ---------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str,
        query_params: list[tuple[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        body: Any = None,
        post_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send one request (with the retries the policy allows) and return the reply.

        ``body`` is sent as is when it is bytes or str; anything else is JSON-encoded. With
        ``_preload_content=False`` a 2xx reply is returned unread, as the ``urllib3``
        response; error replies are still read and raised. ``_request_timeout`` is a number
        of seconds, a ``(connect, read)`` pair or a ``urllib3.Timeout``; None means the
        configuration's timeout.
        """
        method = method.upper()
        if post_params:
            raise ApiValueError("post_params: this API takes no form parameters; send a JSON body")
        headers = dict(headers) if headers else {}
        problem = headers_problem(headers)  # check_headers, one call fewer on every request
        if problem is not None:
            raise ApiValueError(problem)
        if query_params:
            try:
                query = urlencode(query_params, doseq=True)
            except (TypeError, ValueError):
                raise ApiTypeError("query_params must be (name, value) pairs or a dict") from None
            url = url + ("&" if "?" in url else "?") + query
        if body is not None and not isinstance(body, (bytes, str)):
            import json

            try:
                body = json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")
            except (TypeError, ValueError) as error:
                raise ApiTypeError(f"body cannot be sent as JSON: {error}") from None
        elif isinstance(body, str):
            body = body.encode("utf-8")
        timeout = self.configuration.get_timeout(_request_timeout)
        return self._send(method, url, headers, body, timeout, _preload_content)

    def _send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: urllib3.Timeout,
        preload: bool,
    ) -> Any:
        """Try, and try again while the policy allows; return the reply or raise."""
        budget, longest = _budget(timeout)
        limit = self.configuration.max_response_bytes or _NO_LIMIT
        if type(limit) is not int or limit < 0:
            raise ApiValueError(
                f"Configuration.max_response_bytes must be a number of bytes >= 0 or None, got {limit!r}",
                errors={"max_response_bytes": "must be a number of bytes >= 0 or None"},
            )
        deadline = _current.deadline = _Deadline()
        try:
            return self._tries(method, url, headers, body, timeout, preload, budget, longest, limit, deadline)
        finally:
            _current.deadline = None

    def _tries(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: urllib3.Timeout,
        preload: bool,
        budget: float | None,
        longest: float,
        limit: int,
        deadline: _Deadline,
    ) -> Any:
        """The tries of one request, each under ``deadline`` (set here for each). Every wait on
        the socket is at most ``longest`` seconds: until that long before the deadline, no
        wait can pass it, and the socket is left as urllib3 set it."""
        policy = self.retry_policy
        attempt = 0
        while True:
            if budget is not None:
                deadline.at = time.monotonic() + budget
                deadline.relaxed_until = deadline.at - longest
            try:
                resp = self._urlopen(method, url, body, headers, timeout)
            except (HTTPError, OSError) as error:
                when = NEVER_SENT if _never_sent(error) else MAYBE_SENT
                if not isinstance(error, LocationValueError) and policy.may_retry_error(method, when, attempt):
                    self._wait(policy.backoff(attempt) or 0.0, method, url, type(error).__name__, attempt)
                    attempt += 1
                    continue
                raise _transport_error(error, method, url, when, attempt) from scrub_exception(
                    error, _secrets(headers, url)
                )
            except (ValueError, TypeError) as error:  # refused by http.client before sending
                raise ApiValueError(
                    f"{method} {redact_url(url)} could not be sent: {type(error).__name__}"
                ) from scrub_exception(error, _secrets(headers, url))

            status = resp.status
            if logger.isEnabledFor(logging.DEBUG):  # redacting the URL costs more than the check
                logger.debug("%s %s -> %d", method, redact_url(url), status)
            ok = 200 <= status < 300
            if ok and not preload:
                deadline.at = None  # the caller streams the body: each read keeps the read timeout
                return resp
            try:
                data = _read_body(resp, limit)
            except _BrokenBody as broken:
                if not ok:  # the status says what happened; keep what arrived of the body
                    data = broken.partial
                elif broken.problem is None and policy.may_retry_error(method, MAYBE_SENT, attempt):
                    self._wait(policy.backoff(attempt) or 0.0, method, url, "a broken reply body", attempt)
                    attempt += 1
                    continue
                else:
                    cause = scrub_exception(broken.error, _secrets(headers, url)) if broken.error is not None else None
                    raise _broken_reply_error(broken, resp, method, url, attempt, headers) from cause

            reply = RESTResponse(resp, data, (headers, url))
            if ok:
                return reply
            failure = ApiException.from_response(reply, method)
            failure.attempts = attempt + 1
            if policy.may_retry_status(method, status, attempt):
                asked = parse_retry_after(reply.getheader("Retry-After"))
                delay = policy.backoff(attempt, asked)
                if delay is not None:
                    self._wait(delay, method, url, f"HTTP {status:d}", attempt)
                    attempt += 1
                    continue
                failure.note = (
                    f"The server asked to wait {asked or 0:.0f} s, longer than RetryPolicy.retry_after_max "
                    f"({policy.retry_after_max:.0f} s), so it was not retried."
                )
            raise failure

    def _wait(self, delay: float, method: str, url: str, why: str, attempt: int) -> None:
        logger.info("%s %s failed (%s); retry %d in %.2fs", method, redact_url(url), why, attempt + 1, delay)
        self.sleep(delay)

    # -- the generated SDK's verb helpers, for drop-in code: each is ``request`` with its method --
    GET = _verb("GET")
    HEAD = _verb("HEAD")
    POST = _verb("POST")


def check_headers(headers: Mapping[str, Any]) -> None:
    """Refuse any header that could break the header block or that HTTP cannot carry.

    A name must be an RFC 9110 token; a value a string of Latin-1 text without control
    characters (so no CR, LF or NUL). The value is never echoed: it may be a credential.
    """
    problem = headers_problem(headers)
    if problem is not None:
        raise ApiValueError(problem)


def _budget(timeout: urllib3.Timeout) -> tuple[float | None, float]:
    """Seconds one try may take in all (the Timeout's ``total``, else connect + read; None
    when unbounded), and the longest single wait on the socket (each is capped by ``total``)."""
    total = timeout.total
    if isinstance(total, (int, float)):
        return float(total), float(total)
    connect, read = getattr(timeout, "_connect", None), getattr(timeout, "_read", None)
    if (  # runs on every request: written out, without a generator
        isinstance(connect, (int, float))
        and not isinstance(connect, bool)
        and isinstance(read, (int, float))
        and not isinstance(read, bool)
    ):
        return float(connect) + float(read), float(connect if connect > read else read)
    return None, 0.0


#: ``max_response_bytes`` of None or 0: no cap (the largest size a bytes object can have)
_NO_LIMIT = 1 << 62
#: what is kept of a body that went over the cap, for the error
_KEPT = 1 << 16


def _read_body(resp: Any, limit: int) -> bytes:
    """The whole body of ``resp``, decoded, at most ``limit`` bytes.

    Raises ``_BrokenBody`` (with what had arrived) when the connection breaks, the body is
    shorter than its ``Content-Length``, a read passes the deadline, the body is larger than
    ``limit`` or has a content coding this SDK does not read. The connection goes back to the
    pool when the body was read in full, and is closed otherwise.
    """
    headers = resp.headers
    coding = headers["Content-Encoding"].strip().lower() if "Content-Encoding" in headers else ""
    chunks: list[bytes] = []
    complete = False
    try:
        inflate = _inflater(coding) if coding else None
        # the raw bytes, around urllib3's decoding buffer (it copies every chunk twice)
        read1 = getattr(resp, "read1", None)  # urllib3 2.x
        raw = None
        pull: Callable[[int], bytes] | None = None
        if read1 is None:  # urllib3 1.26 has no read1: read the http.client reply under it
            raw = getattr(resp, "_fp", None)
            if raw is not None and hasattr(raw, "read1") and hasattr(raw, "length"):
                pull = raw.read1
            else:
                raw = None
                pull = lambda size: resp.read(size, decode_content=False)  # noqa: E731
        declared = raw.length if raw is not None else getattr(resp, "length_remaining", None)
        if inflate is None and isinstance(declared, int) and declared > limit:  # refused before reading
            raise _BrokenBody(b"", None, False, _too_large(limit))
        room = limit
        size = _CHUNK
        while True:
            chunk = read1(size, decode_content=False) if pull is None else pull(size)  # type: ignore[misc]
            if not chunk:
                break
            if inflate is not None:
                chunk = inflate(chunk, room)
            room -= len(chunk)
            if room < 0:
                raise _BrokenBody(_kept(chunks, chunk), None, False, _too_large(limit))
            chunks.append(chunk)
            if (raw.length if raw is not None else resp.length_remaining) == 0:  # all of Content-Length is here
                break
            if size < _MAX_CHUNK and inflate is None and len(chunk) == size:  # a big body flows: ask for more
                size *= 4
        data = b"".join(chunks)
        remaining = raw.length if raw is not None else getattr(resp, "length_remaining", None)
        if isinstance(remaining, int) and remaining > 0:  # urllib3 1.26 does not enforce Content-Length
            cut = ProtocolError(f"Connection broken: the body ended {remaining:d} bytes short of its Content-Length")
            raise _BrokenBody(data, cut, False)
        complete = True
        if raw is not None:
            raw.close()  # the http.client reply is done; its connection goes back to the pool
        return data
    except (HTTPError, OSError, HTTPException) as error:
        timed_out = isinstance(error, (ReadTimeoutError, TimeoutError))
        raise _BrokenBody(b"".join(chunks), error, timed_out) from None
    except zlib.error as error:
        raise _BrokenBody(b"".join(chunks), None, False, f"its {coding} body is corrupt ({error})") from None
    finally:
        if not complete:
            resp.close()
        resp.release_conn()


def _too_large(limit: int) -> str:
    return f"the body is larger than Configuration.max_response_bytes ({limit:d} bytes)"


def _kept(chunks: list[bytes], last: bytes) -> bytes:
    kept = b"".join(chunks)[:_KEPT]
    return kept + last[: _KEPT - len(kept)]


def _inflater(coding: str) -> Callable[[bytes, int], bytes] | None:
    """A function that decodes the next piece of a body, producing at most ``room + 1``
    bytes (one more than the cap says the cap is passed, and no more is inflated: a gzip bomb
    never reaches memory); None for a body without a content coding."""
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        decoder: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif coding == "deflate":
        decoder = None  # zlib-wrapped or raw: told by the first bytes
    else:
        raise _BrokenBody(b"", None, False, f"its Content-Encoding {coding[:40]!r} is not one this SDK reads")

    def inflate(data: bytes, room: int) -> bytes:
        nonlocal decoder
        if decoder is None:
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            decoder = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        out = []
        while True:
            piece = decoder.decompress(data, max(room, 0) + 1)
            out.append(piece)
            room -= len(piece)
            data = decoder.unconsumed_tail
            if room < 0 or not data:
                return b"".join(out)

    return inflate


def _proxy_manager(proxy: Any, proxy_headers: Any, kwargs: dict[str, Any]) -> urllib3.PoolManager:
    """The manager for ``Configuration.proxy``, or ``ApiValueError`` naming the setting."""
    from urllib.parse import urlsplit

    problem = None
    if not isinstance(proxy, str):
        problem = f"must be a URL string such as 'http://proxy.local:3128', got {type(proxy).__name__}"
    else:
        try:
            split = urlsplit(proxy.strip())
            scheme, host = split.scheme.lower(), split.hostname
        except ValueError:
            scheme, host = "", None
        if scheme not in ("http", "https") or not host or "://" not in proxy:
            problem = (
                f"{redact_url(proxy)[:80]!r} is not a proxy URL: give its scheme and host, "
                "e.g. 'http://proxy.local:3128'"
            )
    if problem is None:
        try:
            return urllib3.ProxyManager(proxy_url=proxy.strip(), proxy_headers=proxy_headers, **kwargs)
        except (HTTPError, ValueError, ProxySchemeUnknown) as error:
            problem = f"{redact_url(proxy)[:80]!r} is not a usable proxy URL ({redact_text(str(error))[:120]})"
    raise ApiValueError(f"Configuration.proxy: {problem}", errors={"proxy": problem})


def _never_sent(error: BaseException) -> bool:
    """Whether the request provably never reached the server: no connection was made."""
    if isinstance(error, (NewConnectionError, LocationValueError, EmptyPoolError, ClosedPoolError)):
        return True  # NewConnectionError covers refused and DNS (NameResolutionError)
    if isinstance(error, ConnectTimeoutError) and not isinstance(error, ReadTimeoutError):
        return True
    if isinstance(error, ProxyError):
        original = getattr(error, "original_error", None)
        return original is not None and _never_sent(original)
    return False


def _secrets(headers: Mapping[str, str], url: str) -> list[str]:
    """The secrets of one request: sensitive header values and what ``url_secrets`` finds in the
    URL (the ``api_key`` and other secret query values, an API key in the path)."""
    found = []
    for name, value in headers.items():
        if name.lower() in SENSITIVE_HEADERS and isinstance(value, str):
            found.append(value)
            scheme, _, token = value.partition(" ")
            if token:
                found.append(token)  # the token of "Basic <token>"
                if scheme.lower() == "basic":
                    found.extend(_basic_parts(token))
    found.extend(url_secrets(url))
    return found


def _basic_parts(token: str) -> list[str]:
    """The user name and the password inside a basic-auth token (a server may echo either)."""
    import base64
    import binascii

    try:
        pair = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        return []
    user, _, password = pair.partition(b":")
    parts = []
    for part in (user, password):
        for encoding in ("utf-8", "latin-1"):
            try:
                parts.append(part.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return [part for part in parts if part]


def _describe(error: BaseException) -> str:
    """A short reason for a urllib3 error (its inner error for a broken connection)."""
    if isinstance(error, ProtocolError) and len(error.args) > 1 and isinstance(error.args[1], BaseException):
        inner = error.args[1]
        return f"{error.args[0]} ({str(inner) or type(inner).__name__})"
    if isinstance(error, NewConnectionError) and isinstance(error.__context__, OSError):
        return str(error.__context__)  # "[Errno 111] Connection refused", "Name or service not known"
    return str(error) or type(error).__name__


def _transport_error(error: BaseException, method: str, url: str, when: str, attempt: int) -> ApiException:
    """The SDK exception for a urllib3 failure, with a message that says what to do."""
    sent = when == MAYBE_SENT
    where = f"{method} {redact_url(url)}"
    reason = redact_text(_describe(error))
    if isinstance(error, LocationValueError):
        return ApiValueError(f"{where}: the URL is not valid (check Configuration.host): {reason}")
    cls: type = ApiConnectionError
    if isinstance(error, (ReadTimeoutError, ConnectTimeoutError)) and not isinstance(error, NewConnectionError):
        phase = "connect" if isinstance(error, ConnectTimeoutError) else "read"
        text = f"{where} timed out ({phase} timeout)"
        cls = ApiTimeoutError
    elif isinstance(error, SSLError):
        text = f"{where} failed TLS: {reason}"
    elif not sent:
        text = f"{where} could not connect: {reason}"
    else:
        text = f"{where} failed after the request was sent: {reason}"
    result: ApiConnectionError = cls(text, sent=sent)
    result.attempts = attempt + 1
    if sent and not is_idempotent(method):
        result.maybe_accepted = True
        result.note = MAYBE_ACCEPTED
    return result


def _broken_reply_error(
    broken: _BrokenBody, resp: Any, method: str, url: str, attempt: int, headers: Mapping[str, str]
) -> ApiException:
    """The SDK exception for a 2xx reply whose body did not arrive in full, or cannot be taken."""
    status = resp.status
    expected = resp.headers.get("Content-Length")
    got = f"{len(broken.partial)} of {expected} bytes" if expected else f"{len(broken.partial)} bytes"
    error: ApiException
    if broken.timed_out:
        text = (
            f"{method} {redact_url(url)}: the server answered {status:d} but its body did not arrive in time "
            f"(got {got})"
        )
        error = ApiTimeoutError(text, sent=True)
        error.status, error.headers = status, resp.headers
    else:
        problem = broken.problem or f"the body was cut off after {got}"
        error = UnexpectedResponseError(RESTResponse(resp, broken.partial, (headers, url)), problem)
    error.attempts = attempt + 1
    if not is_idempotent(method):
        error.note = f"The server answered {status:d}, so the message was most likely accepted: do not send it again."
    return error
