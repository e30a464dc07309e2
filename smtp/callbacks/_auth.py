"""A shared secret for callback URLs: SMTP.com does not sign its callbacks, so the URL carries it.

The secret travels in the URL the callback is registered with, in one of two places:

* as HTTP basic credentials, ``https://smtpcom:SECRET@host/path`` (an HTTP client sends them in an
  ``Authorization: Basic`` header, which web servers do not write to their access logs);
* as a query parameter, ``https://host/path?token=SECRET``.

A receiver accepts either. Checks run in constant time (``hmac.compare_digest`` over digests of
both sides, so neither the content nor the length of the secret leaks through timing), and the
secret is never part of a repr, a log line or an error message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets as _secrets
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from smtp._redact import REDACTED

__all__ = ["Secret", "callback_url", "new_secret"]

#: the user name ``callback_url`` puts before the secret (receivers accept any user name)
USERNAME = "smtpcom"
#: the query parameter that carries the secret
TOKEN_PARAM = "token"
#: characters a secret may use: the URL's unreserved set, so that it means the same to every client
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_MIN_LENGTH = 16


def new_secret() -> str:
    """A new random secret (256 bits, URL-safe), for :func:`callback_url` and the receiver."""
    return _secrets.token_urlsafe(32)


def _check_secret(secret: str) -> None:
    if not isinstance(secret, str):
        raise TypeError(f"the secret must be a string, not {type(secret).__name__}")
    bad = sorted({char for char in secret if char not in _SAFE})
    if bad:
        raise ValueError(
            f"the secret has {len(bad)} character(s) outside A-Z a-z 0-9 - . _ ~, which clients may encode "
            "differently in a URL; use smtp.callbacks.new_secret()"
        )
    if len(secret) < _MIN_LENGTH:
        raise ValueError(f"the secret is too short to guess-proof ({len(secret)} characters, at least {_MIN_LENGTH})")


def callback_url(base_url: str, secret: str, *, style: str = "basic") -> str:
    """The URL to register with CallbacksApi so that the receiver can check each delivery.

    ``style="basic"`` puts the secret in the URL's credentials (``https://smtpcom:SECRET@host/path``);
    ``style="token"`` adds ``token=SECRET`` to its query. The secret must be at least 16 characters
    of ``A-Z a-z 0-9 - . _ ~`` (``new_secret()`` makes one). The returned URL holds the secret:
    keep it out of logs (``smtp._redact.redact_url`` masks both forms).
    """
    _check_secret(secret)
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("base_url must be an absolute http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise ValueError("base_url already holds credentials; give it without them")
    if any(name == TOKEN_PARAM for name, _ in parse_qsl(parts.query, keep_blank_values=True)):
        raise ValueError(f"base_url already has a {TOKEN_PARAM}= parameter; give it without one")
    if style == "basic":
        return urlunsplit(parts._replace(netloc=f"{USERNAME}:{quote(secret, safe='')}@{parts.netloc}"))
    if style == "token":
        query = f"{parts.query}&" if parts.query else ""
        return urlunsplit(parts._replace(query=f"{query}{TOKEN_PARAM}={quote(secret, safe='')}"))
    raise ValueError(f"style must be 'basic' or 'token', not {style!r}")


class Secret:
    """A callback secret held by a receiver: compared in constant time, never shown.

    ``Secret("...")`` accepts any non-empty string, so that a receiver can check a secret that was
    chosen elsewhere; ``callback_url`` is stricter about the secrets it puts in URLs.
    """

    __slots__ = ("_digest", "_value")
    _value: str
    _digest: bytes

    def __init__(self, value: str | Secret) -> None:
        if isinstance(value, Secret):
            value = value._value
        if not isinstance(value, str) or not value:
            raise ValueError("the callback secret must be a non-empty string")
        self._value = value
        self._digest = _digest(value)

    def __repr__(self) -> str:
        return f"Secret({REDACTED!r})"

    __str__ = __repr__

    def __reduce__(self) -> tuple:  # pickling would write the secret out: refuse
        raise TypeError("a callback Secret cannot be pickled")

    def matches(self, candidate: str | bytes | None) -> bool:
        """Whether ``candidate`` is this secret, compared in constant time."""
        if candidate is None:
            candidate = b""
        return hmac.compare_digest(self._digest, _digest(candidate))

    def check_request(self, authorization: str | None, query_string: str | None) -> bool:
        """Whether a request carries this secret: as the password of an ``Authorization: Basic``
        header, or as a ``token`` query parameter. Every candidate is compared (in constant time),
        so the time taken does not depend on which one matched."""
        found = False
        for candidate in _candidates(authorization, query_string):
            found |= self.matches(candidate)
        return found

    @property
    def value(self) -> str:
        """The secret itself (for building a URL to register; never log it)."""
        return self._value


def _digest(value: str | bytes) -> bytes:
    data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
    return hashlib.sha256(data).digest()


def _candidates(authorization: str | None, query_string: str | None) -> list[bytes]:
    """The secrets a request offers (at most a few, so a request cannot make the check slow)."""
    found: list[bytes] = []
    if authorization:
        scheme, _, credentials = authorization.strip().partition(" ")
        if scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(credentials.strip(), validate=True)
            except (binascii.Error, ValueError):
                decoded = b""
            _user, colon, password = decoded.partition(b":")
            if colon:
                found.append(password)
    if query_string:
        try:
            tokens = parse_qsl(query_string, keep_blank_values=True, max_num_fields=100, errors="surrogateescape")
        except ValueError:  # more than 100 fields: not a request the service makes
            tokens = []
        found.extend(value.encode("utf-8", "surrogateescape") for name, value in tokens if name == TOKEN_PARAM)
    return found[:4] or [b""]
