"""Facts of HTTP that several layers need, written once (standard library only).

* which methods may be repeated after a request may have reached the server;
* how to read a ``Retry-After`` header (delta-seconds or an HTTP date);
* what a header name and value may hold. The checks return a problem text, or None, the way
  ``smtp.validation`` does; the caller turns it into the exception of its layer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "SAFE_METHODS",
    "is_safe_method",
    "parse_retry_after",
    "header_name_problem",
    "header_value_problem",
    "headers_problem",
    "interim_status",
]

#: Methods that may be sent again after they may have reached the server: reading twice changes
#: nothing, and deleting twice leaves the same state (RFC 9110 idempotent methods). POST and
#: PATCH are sent again only when they provably never arrived, or on a 429.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})

# RFC 9110 token: what a header name may be made of
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# control characters a header value may not hold (HTAB is allowed), NEL included: a server that
# reads headers with Python's email parser splits a line there, as ``validation.has_line_break`` says
_CTL = frozenset(chr(c) for c in range(32) if c != 9) | {"\x7f", "\x85"}
# delta-seconds (a fraction is tolerated); longer digit strings are no usable wait
_SECONDS = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,9})?")


def is_safe_method(method: str) -> bool:
    """Whether a request with this method may be sent again after it may have reached the server."""
    return method.upper() in SAFE_METHODS


def interim_status(status: int) -> bool:
    """Whether ``status`` is an interim (1xx) reply that a final answer still follows.
    101 (Switching Protocols) is final: it ends HTTP on the connection."""
    return 100 <= status < 200 and status != 101


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None
    when there is no usable value. A date in the past means 0. ``now`` is epoch seconds
    (the current time by default)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if _SECONDS.fullmatch(value):
        return float(value)
    if value[:1].isdigit():  # digits, but too many or not ASCII ("²"): no usable wait
        return None
    from smtp._time import parse_time

    when, problem = parse_time(value)  # an HTTP date is an RFC 2822 date in GMT
    if when is None or problem is not None:
        return None
    if now is None:
        import time

        now = time.time()
    return max(0.0, when - now)


def header_name_problem(name: object) -> str | None:
    """What is wrong with a header name, or None. A name must be an RFC 9110 token."""
    if not isinstance(name, str) or not name or not _TOKEN.issuperset(name):
        shown = name[:50] if isinstance(name, str) else type(name).__name__
        return (
            f"Invalid header name {shown!r}: must be a token (letters, digits, !#$%&'*+-.^_`|~), "
            "without ':', spaces, CR or LF"
        )
    return None


def headers_problem(headers: Mapping[Any, Any]) -> str | None:
    """What is wrong with the first bad header of ``headers``, or None (one pass, for every request)."""
    for name, value in headers.items():
        if (
            type(name) is str
            and type(value) is str
            and name
            and _TOKEN.issuperset(name)
            and _CTL.isdisjoint(value)
            and value.isascii()
        ):
            continue  # the usual case, decided without a call
        problem = header_name_problem(name) or header_value_problem(name, value)
        if problem is not None:
            return problem
    return None


def header_value_problem(name: str, value: object) -> str | None:
    """What is wrong with a header value, or None: it must be Latin-1 text without control
    characters (so no CR, LF or NUL). The value itself is never quoted: it may be a credential."""
    if not isinstance(value, str):
        return f"Header {name}: value must be a string, got {type(value).__name__}"
    if not _CTL.isdisjoint(value):
        return f"Header {name}: value must not contain CR, LF, NUL or other control characters"
    if not value.isascii():
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            return f"Header {name}: value must be Latin-1 text (encode other text, e.g. RFC 2047)"
    return None
