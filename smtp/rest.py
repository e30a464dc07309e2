"""The transport: one ``urllib3.PoolManager``, TLS, proxy, timeouts and retries.

``RESTClientObject.request`` sends one logical request and either returns a 2xx
``RESTResponse`` or raises an ``ApiException`` subclass: non-2xx replies by status, transport
failures as ``ApiConnectionError``/``ApiTimeoutError`` with the urllib3 error chained. No
urllib3 exception escapes. Retries follow ``smtp.retry.RetryPolicy``: a send is retried only
when it provably never reached the server, or on 429.
"""

from __future__ import annotations

import logging
import ssl
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlencode

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NewConnectionError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from smtp._redact import redact_text, redact_url
from smtp.exceptions import ApiConnectionError, ApiException, ApiTimeoutError, ApiValueError
from smtp.retry import MAYBE_SENT, NEVER_SENT, RetryPolicy, parse_retry_after
from smtp.validation import has_line_break

# public names the generated SDK had here
__all__ = ["RESTClientObject", "RESTResponse", "ApiException"]

logger = logging.getLogger("smtp")

Body = Union[None, bytes, str]
TimeoutArg = Any


class RESTResponse:
    """A reply that has been read in full: ``status``, ``reason``, ``data`` (bytes) and headers."""

    __slots__ = ("urllib3_response", "status", "reason", "data")

    def __init__(self, resp: Any, data: Optional[bytes] = None) -> None:
        self.urllib3_response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data: bytes = resp.data if data is None else data

    def getheaders(self) -> Mapping[str, str]:
        """The reply headers (a case-insensitive mapping)."""
        return self.urllib3_response.headers  # type: ignore[no-any-return]

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """One reply header, or ``default``."""
        return self.urllib3_response.headers.get(name, default)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return "<RESTResponse status=%s reason=%r bytes=%d>" % (self.status, self.reason, len(self.data or b""))


class RESTClientObject:
    """Sends requests for an ``ApiClient``. One per client, safe to share across threads."""

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None) -> None:
        self.configuration = configuration
        self.retry_policy = RetryPolicy.from_setting(configuration.retries)
        self._pools_size = pools_size
        self._maxsize = maxsize if maxsize is not None else configuration.connection_pool_maxsize
        self.pool_manager = self._new_pool_manager()

    def _new_pool_manager(self) -> urllib3.PoolManager:
        config = self.configuration
        cert_reqs = ssl.CERT_REQUIRED if config.verify_ssl else ssl.CERT_NONE
        ca_certs = config.ssl_ca_cert
        if ca_certs is None and config.verify_ssl:
            import certifi  # imported here: it costs more import time than the rest of the SDK

            ca_certs = certifi.where()
        kwargs: Dict[str, Any] = {
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
        if config.proxy:
            return urllib3.ProxyManager(proxy_url=config.proxy, proxy_headers=config.proxy_headers, **kwargs)
        return urllib3.PoolManager(**kwargs)

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
        query_params: Optional[List[Tuple[str, Any]]] = None,
        headers: Optional[Dict[str, str]] = None,
        body: Any = None,
        post_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: TimeoutArg = None,
    ) -> Any:
        """Send one request (with the retries the policy allows) and return the reply.

        ``body`` is sent as is when it is bytes or str; anything else is JSON-encoded. With
        ``_preload_content=False`` a 2xx reply is returned unread, as the ``urllib3``
        response; error replies are still read and raised.
        """
        method = method.upper()
        if post_params:
            raise ApiValueError("post_params: this API takes no form parameters; send a JSON body")
        headers = dict(headers) if headers else {}
        check_headers(headers)
        if query_params:
            url = url + ("&" if "?" in url else "?") + urlencode(query_params, doseq=True)
        if body is not None and not isinstance(body, (bytes, str)):
            import json

            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        elif isinstance(body, str):
            body = body.encode("utf-8")
        timeout = self.configuration.get_timeout(_request_timeout)
        return self._send(method, url, headers, body, timeout, _preload_content)

    def _send(self, method: str, url: str, headers: Dict[str, str], body: Optional[bytes], timeout: Any, preload: bool) -> Any:
        policy = self.retry_policy
        attempt = 0
        while True:
            try:
                resp = self.pool_manager.request(
                    method, url, body=body, headers=headers, timeout=timeout, retries=False, redirect=False, preload_content=False
                )
                if preload or not 200 <= resp.status < 300:
                    try:
                        data = resp.data
                    finally:
                        resp.release_conn()
            except (HTTPError, OSError) as error:
                when = NEVER_SENT if _never_sent(error) else MAYBE_SENT
                if policy.may_retry_error(method, when, attempt):
                    delay = policy.backoff(attempt) or 0.0
                    logger.info("%s %s failed (%s); retry %d in %.2fs", method, redact_url(url), type(error).__name__, attempt + 1, delay)
                    time.sleep(delay)
                    attempt += 1
                    continue
                raise _transport_error(error, method, url, when, attempt) from _redacted_cause(error)

            status = resp.status
            logger.debug("%s %s -> %d", method, redact_url(url), status)
            if 200 <= status < 300:
                return RESTResponse(resp, data) if preload else resp
            reply = RESTResponse(resp, data)
            if policy.may_retry_status(method, status, attempt):
                delay = policy.backoff(attempt, parse_retry_after(reply.getheader("Retry-After")))
                if delay is not None:
                    logger.info("%s %s got %d; retry %d in %.2fs", method, redact_url(url), status, attempt + 1, delay)
                    time.sleep(delay)
                    attempt += 1
                    continue
            raise ApiException.from_response(reply)

    # -- generated-style verb helpers ---------------------------------------------------
    def GET(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None, _preload_content: bool = True, _request_timeout: TimeoutArg = None) -> Any:
        """Send a GET."""
        return self.request("GET", url, headers=headers, query_params=query_params, _preload_content=_preload_content, _request_timeout=_request_timeout)

    def HEAD(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None, _preload_content: bool = True, _request_timeout: TimeoutArg = None) -> Any:
        """Send a HEAD."""
        return self.request("HEAD", url, headers=headers, query_params=query_params, _preload_content=_preload_content, _request_timeout=_request_timeout)

    def POST(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None, post_params: Any = None, body: Any = None, _preload_content: bool = True, _request_timeout: TimeoutArg = None) -> Any:
        """Send a POST."""
        return self.request("POST", url, headers=headers, query_params=query_params, post_params=post_params, body=body, _preload_content=_preload_content, _request_timeout=_request_timeout)


def check_headers(headers: Mapping[str, Any]) -> None:
    """Refuse any header whose name or value could break the header block (CR, LF or NUL).

    The value is never echoed: it may be a credential.
    """
    for name, value in headers.items():
        if not isinstance(name, str) or has_line_break(name) or ":" in name or not name.strip():
            raise ApiValueError("Invalid header name %r: must be a token without ':', CR, LF or NUL" % (str(name)[:50],))
        if not isinstance(value, str):
            raise ApiValueError("Header %s: value must be a string, got %s" % (name, type(value).__name__))
        if has_line_break(value):
            raise ApiValueError("Header %s: value must not contain CR, LF or NUL" % (name,))


def _never_sent(error: BaseException) -> bool:
    """Whether the request provably never reached the server: the connection was never made."""
    if isinstance(error, (NewConnectionError, LocationParseError)):
        return True
    if isinstance(error, ConnectTimeoutError) and not isinstance(error, ReadTimeoutError):
        return True
    if isinstance(error, ProxyError):
        return _never_sent(error.original_error) if getattr(error, "original_error", None) is not None else False
    return False


def _transport_error(error: BaseException, method: str, url: str, when: str, attempt: int) -> ApiConnectionError:
    sent = when == MAYBE_SENT
    tries = " after %d tries" % (attempt + 1) if attempt else ""
    where = "%s %s" % (method, redact_url(url))
    if isinstance(error, (ReadTimeoutError, ConnectTimeoutError)) and not isinstance(error, NewConnectionError):
        phase = "connect" if isinstance(error, ConnectTimeoutError) else "read"
        text = "%s timed out (%s timeout)%s" % (where, phase, tries)
        cls: type = ApiTimeoutError
    elif isinstance(error, SSLError):
        text = "%s failed TLS: %s" % (where, redact_text(str(error)))
        cls = ApiConnectionError
    elif not sent:
        text = "%s could not connect%s: %s" % (where, tries, redact_text(str(error)))
        cls = ApiConnectionError
    else:
        text = "%s failed after the request was sent%s: %s" % (where, tries, redact_text(str(error)))
        cls = ApiConnectionError
    if sent and method not in ("GET", "HEAD", "OPTIONS"):
        text += ". The request may have reached the server: the message may or may not have been accepted, so it was not sent again"
    return cls(text, sent=sent)  # type: ignore[no-any-return]


def _redacted_cause(error: BaseException) -> BaseException:
    """The urllib3 error to chain, with any credential removed from its text."""
    text = str(error)
    clean = redact_text(text)
    if clean == text:
        return error
    try:
        error.args = (clean,)
        for attr in ("url",):
            if isinstance(getattr(error, attr, None), str):
                setattr(error, attr, redact_url(getattr(error, attr)))
    except (AttributeError, TypeError):
        pass
    return error
