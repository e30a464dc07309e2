"""Every error the SDK raises, in one tree.

::

    OpenApiException
    └── ApiException                      the one documented catch: ``except ApiException``
        ├── ApiTypeError (TypeError)      an argument of the wrong type, found before sending
        ├── ApiValueError (ValueError)    a missing or invalid argument, found before sending
        ├── ApiKeyError (KeyError)
        ├── ApiAttributeError (AttributeError)
        ├── ApiConnectionError            the request could not be completed (refused, DNS, reset, TLS)
        │   └── ApiTimeoutError           connect or read timeout
        ├── UnexpectedResponseError       a 2xx reply that is not the JSON the operation promises
        └── (by HTTP status, from ``ApiException.from_response``)
            ├── BadRequestException       400, with the service's field errors in ``.errors``
            ├── UnauthorizedException     401
            ├── ForbiddenException        403
            ├── NotFoundException         404
            ├── TooManyRequestsException  429, with ``.retry_after`` seconds when the server said
            └── ServiceException          5xx

Every exception carries ``status``, ``reason``, ``body`` (text) and ``headers`` as the
generated SDK's ``ApiException`` did; those that do not come from an HTTP reply have
``status`` ``None``. Validation errors (``ApiValueError``) and 400 replies both expose
``errors``: a dict from the field's path to what is wrong with it.

``maybe_accepted`` is True on the one kind of failure that needs care: a send (POST) that may
have reached the server (it got a 5xx, or its connection broke or timed out after the request
was written). Such a send is never retried by the SDK, and its message says so; look the
message up with ``v4_messages_get`` before sending it again.

No message built here contains a credential: transport errors are redacted before they are
raised, and a reply's headers and body are redacted when they are shown (see ``smtp._redact``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from smtp._http import is_safe_method, parse_retry_after
from smtp._redact import redact_text, redact_values

__all__ = [
    "OpenApiException",
    "ApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiConnectionError",
    "ApiTimeoutError",
    "UnexpectedResponseError",
    "BadRequestException",
    "UnauthorizedException",
    "ForbiddenException",
    "NotFoundException",
    "TooManyRequestsException",
    "ServiceException",
    "render_path",
    "service_errors",
    "service_message",
    "MAYBE_ACCEPTED",
]

#: How much of an unexpected reply body goes into an error message.
EXCERPT_CHARS = 200
#: How much of an error reply's body ``str(ApiException)`` shows (``.body`` keeps all of it).
BODY_CHARS = 2000
#: What the error of a send that may have reached the server says.
MAYBE_ACCEPTED = (
    "The request may have reached the server: the message may or may not have been accepted, "
    "so it was not sent again. Look it up with v4_messages_get before sending it again."
)


def render_path(path_to_item: Sequence[Any] | None) -> str:
    """Render a path such as ``['recipients', 'to', 0, 'address']`` as ``recipients.to[0].address``."""
    out = ""
    for part in path_to_item or ():
        if isinstance(part, int):
            out += f"[{part:d}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class OpenApiException(Exception):
    """The root of every exception of this SDK (kept for compatibility with generated code)."""


class ApiException(OpenApiException):
    """An API call failed. Raised for every failure: HTTP errors, transport errors, bad replies.

    Attributes: ``status`` (int or None), ``reason`` (str or None), ``body`` (the reply body as
    text, or None), ``headers`` (the reply headers, or None).
    """

    status: int | None
    reason: str | None
    body: str | None
    headers: Mapping[str, str] | None
    #: True when a send (POST) may have reached the server and so may or may not have been accepted
    maybe_accepted: bool = False
    #: how many times the request was sent (retries included)
    attempts: int = 1
    #: a sentence added to the message: what happened to the request, what to do
    note: str | None = None

    def __init__(self, status: int | None = None, reason: str | None = None, http_resp: Any = None) -> None:
        if http_resp is not None:
            # the credentials of the request this reply answers: a server that echoes them
            # (``Invalid key: sk-...``) must not put them in the error; redacted here, once
            secrets = getattr(http_resp, "request_secrets", None) or ()
            self.status = http_resp.status
            self.reason = _clean(http_resp.reason, secrets)
            self.body = _clean(_text(http_resp.data), secrets)
            self.headers = _clean_headers(http_resp.getheaders(), secrets)
            super().__init__(self.status, self.reason)
            return
        self.status = status
        self.reason = reason
        self.body = None
        self.headers = None
        super().__init__(status, reason)

    @staticmethod
    def from_response(http_resp: Any, method: str | None = None) -> ApiException:
        """The exception for a non-2xx reply: the subclass that matches its status.

        Given the request ``method``, a 5xx reply to a send is marked ``maybe_accepted``.
        """
        status = http_resp.status
        cls = _BY_STATUS.get(status)
        if cls is None:
            cls = ServiceException if status >= 500 else ApiException
        error = cls(http_resp=http_resp)
        if method is not None and status >= 500 and not is_safe_method(method):
            error.maybe_accepted = True
            error.note = MAYBE_ACCEPTED
        return error

    def __str__(self) -> str:
        text = f"({self.status})\nReason: {self.reason}\n"
        if self.headers:
            text += f"HTTP response headers: {redact_text(str(dict(self.headers)))}\n"
        if self.body:
            body = (
                self.body
                if len(self.body) <= BODY_CHARS
                else f"{self.body[:BODY_CHARS]}... ({len(self.body) - BODY_CHARS} more characters)"
            )
            text += f"HTTP response body: {redact_text(body)}\n"
        return text + _tail(self)


def _tail(error: ApiException) -> str:
    """The closing sentences of a message: how many tries, and the note."""
    text = f"Tried {error.attempts:d} times.\n" if error.attempts > 1 else ""
    return text + (error.note + "\n" if error.note else "")


def _with_tail(text: str, error: ApiException) -> str:
    tail = _tail(error).rstrip("\n")
    return text + "\n" + tail if tail else text


def _text(data: Any) -> str | None:
    if data is None:
        return None
    if isinstance(data, (bytes, bytearray)):
        return bytes(data).decode("utf-8", "replace")
    return str(data)


def _clean(text: str | None, secrets: Sequence[str]) -> str | None:
    return redact_values(text, secrets) if secrets and text else text


def _clean_headers(headers: Any, secrets: Sequence[str]) -> Any:
    """The reply headers, or a plain dict copy with echoed credentials replaced."""
    if not secrets or not headers:
        return headers
    items = list(headers.items())
    clean = [(name, redact_values(value, secrets) if isinstance(value, str) else value) for name, value in items]
    return headers if clean == items else dict(clean)


def _excerpt(text: str | None) -> str:
    if not text:
        return "(empty body)"
    text = redact_text(text.strip())
    if len(text) > EXCERPT_CHARS:
        return repr(text[:EXCERPT_CHARS]) + "..."
    return repr(text)


class _ClientSideError(ApiException):
    """Base of the errors found before anything is sent (no HTTP status)."""

    def __init__(
        self,
        msg: str,
        path_to_item: Sequence[Any] | None = None,
        valid_classes: Sequence[type] | None = None,
        key_type: bool | None = None,
    ) -> None:
        self.path_to_item = list(path_to_item) if path_to_item else None
        self.valid_classes = valid_classes
        self.key_type = key_type
        full_msg = msg
        if path_to_item:
            full_msg = f"{msg} at {render_path(path_to_item)}"
        self.msg = full_msg
        self.status = None
        self.reason = full_msg
        self.body = None
        self.headers = None
        Exception.__init__(self, full_msg)

    def __str__(self) -> str:
        return self.msg


class ApiTypeError(_ClientSideError, TypeError):
    """An argument has the wrong type (for example ``limit="abc"``) or is not known at all."""


class ApiValueError(_ClientSideError, ValueError):
    """One or more arguments are missing or invalid. ``errors`` maps each field to its problem."""

    errors: dict[str, str]

    def __init__(
        self, msg: str, path_to_item: Sequence[Any] | None = None, errors: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(msg, path_to_item)
        self.errors = dict(errors) if errors else ({render_path(path_to_item): msg} if path_to_item else {})

    @classmethod
    def from_errors(cls, errors: Mapping[str, str], context: str = "") -> ApiValueError:
        """One exception for many field errors; its message lists every one of them."""
        lines = "; ".join(f"{field}: {problem}" for field, problem in errors.items())
        prefix = f"Invalid {context}: " if context else "Invalid input: "
        return cls(prefix + lines, errors=errors)


class ApiAttributeError(_ClientSideError, AttributeError):
    """An attribute that the object does not have."""


class ApiKeyError(_ClientSideError, KeyError):
    """A key that the mapping does not have."""


class ApiConnectionError(ApiException):
    """The request could not be completed: the connection was refused, reset or failed TLS.

    ``sent`` tells whether the request may have reached the server. When it may have, a send
    (POST) is never retried, ``maybe_accepted`` is True and the message says that the email may
    or may not have been accepted. The urllib3 error is chained as ``__cause__`` (with
    credentials redacted). ``status`` is set when the reply's status line had arrived before
    the failure (a body cut off or too slow).
    """

    def __init__(self, reason: str, sent: bool = False) -> None:
        super().__init__(status=None, reason=reason)
        self.sent = sent

    def __str__(self) -> str:
        return _with_tail(str(self.reason), self)


class ApiTimeoutError(ApiConnectionError):
    """The connect or read timeout ran out."""


class UnexpectedResponseError(ApiException):
    """A reply that is not the JSON the operation promises (an HTML page from a proxy, a cut-off
    body, the wrong content type). Never turned into an empty model."""

    def __init__(self, http_resp: Any, problem: str) -> None:
        super().__init__(http_resp=http_resp)
        self.problem = _clean(problem, getattr(http_resp, "request_secrets", None) or ()) or problem

    def __str__(self) -> str:
        text = f"HTTP {self.status} reply is not the expected JSON: {self.problem}. Body starts: {_excerpt(self.body)}"
        return _with_tail(text, self)


class BadRequestException(ApiException):
    """400: the service rejected the request. ``errors`` maps each bad field to the service's text."""

    @property
    def errors(self) -> dict[str, Any]:
        return service_errors(self.body)

    def __str__(self) -> str:
        errors = self.errors
        if errors:
            return redact_text("(400) Bad Request: " + "; ".join(f"{k}: {v}" for k, v in errors.items()))
        return super().__str__()


class UnauthorizedException(ApiException):
    """401: the API key or the basic-auth credentials were refused."""


class ForbiddenException(ApiException):
    """403: the credentials are valid but may not do this."""


class NotFoundException(ApiException):
    """404: no such resource (often a wrong ``host``)."""


class TooManyRequestsException(ApiException):
    """429: rate limited. ``retry_after`` holds the seconds the server asked to wait, if it said."""

    @property
    def retry_after(self) -> float | None:
        headers = self.headers or {}
        value = None
        for name, val in headers.items():
            if name.lower() == "retry-after":
                value = val
        return parse_retry_after(value) if value is not None else None


class ServiceException(ApiException):
    """5xx: the service failed. For a send, the message may or may not have been accepted."""


#: the deepest nesting of arrays and objects an error body may have to be read as JSON
MAX_ERROR_DEPTH = 32
#: error bodies longer than this are shown as text, never parsed
MAX_ERROR_JSON = 1 << 20
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _bounded_json(text: str | None) -> Any:
    """``text`` parsed as JSON, or None when it is not JSON, is longer than ``MAX_ERROR_JSON``
    or nests deeper than ``MAX_ERROR_DEPTH`` (checked before parsing, so a body of
    ``"[" * 200000`` costs a short scan, never a RecursionError)."""
    if not text or len(text) > MAX_ERROR_JSON:
        return None
    if text.count("[") + text.count("{") > MAX_ERROR_DEPTH:
        depth = 0
        for token in _JSON_TOKENS.finditer(text):
            mark = token.group()
            if mark in ("[", "{"):
                depth += 1
                if depth > MAX_ERROR_DEPTH:
                    return None
            elif mark in ("]", "}"):
                depth -= 1
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _json_data(body: str | None) -> Any:
    parsed = _bounded_json(body)
    return parsed.get("data") if isinstance(parsed, dict) else None


def service_errors(body: str | None) -> dict[str, Any]:
    """The field errors of an error reply body: its ``data.errors`` (an object, or a list of
    objects merged), or ``{}``. The one reader of error bodies (the CLI uses it too)."""
    data = _json_data(body)
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, dict):
        return errors
    if isinstance(errors, list):
        merged: dict[str, Any] = {}
        for item in errors:
            if isinstance(item, dict):
                merged.update(item)
        return merged
    return {}


def service_message(body: str | None, limit: int = 300) -> str:
    """What the service said in an error reply body, on one line: its field errors, else the
    fields of its ``data``, else the start of the body as text."""
    parsed = _bounded_json(body)
    if parsed is None:
        return (body or "").strip()[:limit]
    data = parsed.get("data") if isinstance(parsed, dict) else parsed
    if isinstance(data, dict) and "errors" in data:
        data = data["errors"]
    if isinstance(data, list):
        merged: dict[str, Any] = {}
        for entry in data:
            merged.update(entry if isinstance(entry, dict) else {"error": entry})
        data = merged
    if isinstance(data, dict):
        return "; ".join(f"{key}: {value}" for key, value in data.items())[: limit * 4]
    return str(data)[:limit]


_BY_STATUS = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    429: TooManyRequestsException,
}


def exception_for_status(status: int) -> type[ApiException]:
    """The class of the exception raised for an error reply with this HTTP status."""
    return _BY_STATUS.get(status) or (ServiceException if status >= 500 else ApiException)
