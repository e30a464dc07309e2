"""The transport: one ``urllib3.PoolManager``, TLS, proxy, timeouts and retries.

``RESTClientObject.request`` sends one logical request and either returns a 2xx
``RESTResponse`` or raises an ``ApiException`` subclass: non-2xx replies by status, transport
failures as ``ApiConnectionError``/``ApiTimeoutError`` with the urllib3 error chained. No
urllib3 exception escapes. Retries follow ``smtp.retry.RetryPolicy``: a send is retried only
when it provably never reached the server, or on 429.

Each try is bounded in time: the connect and read timeouts bound every wait on the socket,
and the whole try (connect, request, reply and body) must end within ``connect + read``
seconds (or the ``total`` of a ``urllib3.Timeout``), so that a server trickling its reply a
byte at a time cannot hold a caller forever.
"""

from __future__ import annotations

import logging
import re
import ssl
import time
from collections.abc import Callable, Mapping
from http.client import HTTPException
from typing import Any
from urllib.parse import parse_qsl, urlencode

import urllib3
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

from smtp._redact import SENSITIVE_HEADERS, redact_text, redact_url, scrub_exception
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

# RFC 9110 token: what a header name may be made of
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# control characters a header value may not hold (HTAB is allowed)
_CTL = frozenset(chr(c) for c in range(32) if c != 9) | {"\x7f"}


class RESTResponse:
    """A reply that has been read in full: ``status``, ``reason``, ``data`` (bytes) and headers."""

    __slots__ = ("data", "reason", "status", "urllib3_response")

    def __init__(self, resp: Any, data: bytes | None = None) -> None:
        self.urllib3_response = resp
        self.status: int = resp.status
        self.reason: str | None = resp.reason
        self.data: bytes = resp.data if data is None else data

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

    def __init__(self, partial: bytes, error: BaseException | None, timed_out: bool) -> None:
        super().__init__("reply body broken")
        self.partial = partial
        self.error = error
        self.timed_out = timed_out


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
        if config.proxy:
            return urllib3.ProxyManager(proxy_url=config.proxy, proxy_headers=config.proxy_headers, **kwargs)
        return urllib3.PoolManager(**kwargs)

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
        check_headers(headers)
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
        policy = self.retry_policy
        budget = _budget(timeout)
        attempt = 0
        while True:
            started = time.monotonic()
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
                return resp
            try:
                data = _read_body(resp, started + budget if budget is not None else None)
            except _BrokenBody as broken:
                if not ok:  # the status says what happened; keep what arrived of the body
                    data = broken.partial
                elif policy.may_retry_error(method, MAYBE_SENT, attempt):
                    self._wait(policy.backoff(attempt) or 0.0, method, url, "a broken reply body", attempt)
                    attempt += 1
                    continue
                else:
                    cause = scrub_exception(broken.error, _secrets(headers, url)) if broken.error is not None else None
                    raise _broken_reply_error(broken, resp, method, url, attempt) from cause

            reply = RESTResponse(resp, data)
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

    # -- generated-style verb helpers ---------------------------------------------------
    def GET(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a GET."""
        return self.request(
            "GET",
            url,
            headers=headers,
            query_params=query_params,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )

    def HEAD(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a HEAD."""
        return self.request(
            "HEAD",
            url,
            headers=headers,
            query_params=query_params,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )

    def POST(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a POST."""
        return self.request(
            "POST",
            url,
            headers=headers,
            query_params=query_params,
            post_params=post_params,
            body=body,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )


def check_headers(headers: Mapping[str, Any]) -> None:
    """Refuse any header that could break the header block or that HTTP cannot carry.

    A name must be an RFC 9110 token; a value a string of Latin-1 text without control
    characters (so no CR, LF or NUL). The value is never echoed: it may be a credential.
    """
    for name, value in headers.items():
        if not isinstance(name, str) or not name or not _TOKEN.issuperset(name):
            shown = name[:50] if isinstance(name, str) else type(name).__name__
            raise ApiValueError(
                f"Invalid header name {shown!r}: must be a token (letters, digits, !#$%&'*+-.^_`|~), "
                "without ':', spaces, CR or LF"
            )
        if not isinstance(value, str):
            raise ApiValueError(f"Header {name}: value must be a string, got {type(value).__name__}")
        if not _CTL.isdisjoint(value):
            raise ApiValueError(f"Header {name}: value must not contain CR, LF, NUL or other control characters")
        if not value.isascii():
            try:
                value.encode("latin-1")
            except UnicodeEncodeError:
                raise ApiValueError(
                    f"Header {name}: value must be Latin-1 text (encode other text, e.g. RFC 2047)"
                ) from None


def _budget(timeout: urllib3.Timeout) -> float | None:
    """Seconds one try may take in all: the Timeout's ``total``, else connect + read."""
    total = timeout.total
    if isinstance(total, (int, float)):
        return float(total)
    connect, read = getattr(timeout, "_connect", None), getattr(timeout, "_read", None)
    if (  # runs on every request: written out, without a generator
        isinstance(connect, (int, float))
        and not isinstance(connect, bool)
        and isinstance(read, (int, float))
        and not isinstance(read, bool)
    ):
        return float(connect) + float(read)
    return None


def _read_body(resp: Any, deadline: float | None) -> bytes:
    """The whole body of ``resp``, read before ``deadline`` (a ``time.monotonic()`` value).

    Raises ``_BrokenBody`` (with what had arrived) when the connection breaks, the body is
    shorter than its ``Content-Length``, a read times out, or the deadline passes. The
    connection goes back to the pool when the body was read in full, and is closed otherwise.
    """
    headers = resp.headers
    # a body without a content coding is read around urllib3's decoding buffer, which
    # copies every chunk twice (a 1.4 MB page took three times as long to read)
    plain = "Content-Encoding" not in headers or headers["Content-Encoding"].strip().lower() in ("", "identity")
    read1 = getattr(resp, "read1", None)
    raw = None
    if read1 is None and plain:  # urllib3 1.26 has no read1: read the http.client reply under it
        raw = getattr(resp, "_fp", None)
        if raw is not None and hasattr(raw, "read1") and hasattr(raw, "length"):
            read1 = raw.read1
        else:
            raw = None
    chunks: list[bytes] = []
    complete = False
    try:
        if read1 is None or deadline is None:  # one blocking read
            chunks.append(resp.read())
        else:
            size = _CHUNK
            while True:
                if raw is not None:
                    chunk = read1(size)
                else:
                    chunk = read1(size, decode_content=False) if plain else read1(size)
                if not chunk:
                    break
                chunks.append(chunk)
                if (raw.length if raw is not None else resp.length_remaining) == 0:  # all of Content-Length is here
                    break
                if time.monotonic() > deadline:
                    raise _BrokenBody(b"".join(chunks), None, True)
                if len(chunk) == size and size < _MAX_CHUNK:  # a big body is flowing: ask for more at once
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
    finally:
        if not complete:
            resp.close()
        resp.release_conn()


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
    """The credentials of one request: sensitive header values and the ``api_key`` query value."""
    found = []
    for name, value in headers.items():
        if name.lower() in SENSITIVE_HEADERS and isinstance(value, str):
            found.append(value)
            found.extend(value.split(None, 1)[1:])  # the token of "Basic <token>"
    query = url.partition("?")[2].partition("#")[0]
    found.extend(value for key, value in parse_qsl(query) if key == "api_key")
    return found


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


def _broken_reply_error(broken: _BrokenBody, resp: Any, method: str, url: str, attempt: int) -> ApiException:
    """The SDK exception for a 2xx reply whose body did not arrive in full."""
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
        error = UnexpectedResponseError(RESTResponse(resp, broken.partial), f"the body was cut off after {got}")
    error.attempts = attempt + 1
    if not is_idempotent(method):
        error.note = f"The server answered {status:d}, so the message was most likely accepted: do not send it again."
    return error
