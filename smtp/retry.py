"""When a failed request is tried again, and after how long: one immutable policy object.

The rule that matters most: **an email is never sent twice**. A send (POST) is retried only
when the request provably never reached the server (connection refused, DNS failure, connect
timeout) or when the server answered 429, which means it did not take the request. A POST that
got a 5xx, or whose connection broke after the request was written, is never resent.

A read (GET) is also retried after read timeouts, broken connections and 502/503/504.

Waits grow exponentially with full jitter (``uniform(0, min(backoff_max, backoff_factor * 2**n))``)
and a ``Retry-After`` header (seconds or an HTTP date) is honoured up to ``retry_after_max``; a
server asking for longer than that gets no retry: the ``TooManyRequestsException`` says how
long it asked for.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from typing import Any

from smtp._http import is_safe_method, parse_retry_after
from smtp.exceptions import ApiTypeError, ApiValueError

__all__ = ["MAYBE_SENT", "NEVER_SENT", "RetryPolicy", "is_idempotent", "parse_retry_after"]

#: The failure happened before the request could reach the server.
NEVER_SENT = "never_sent"
#: The request may have reached the server (the connection broke or timed out later).
MAYBE_SENT = "maybe_sent"


def is_idempotent(method: str) -> bool:
    """Whether a request with this method may be sent again after it may have reached the server."""
    return is_safe_method(method)


class RetryPolicy:
    """How many times, on what, and how long to wait between tries. Immutable.

    ``total`` is the number of retries after the first try (0 turns retrying off);
    ``backoff_factor`` and ``backoff_max`` shape the jittered exponential wait;
    ``retry_after_max`` caps how long a ``Retry-After`` header may make us wait;
    ``status_idempotent`` / ``status_unsafe`` are the statuses retried for reads / sends.
    """

    __slots__ = ("total", "backoff_factor", "backoff_max", "retry_after_max", "status_idempotent", "status_unsafe")

    total: int
    backoff_factor: float
    backoff_max: float
    retry_after_max: float
    status_idempotent: frozenset[int]
    status_unsafe: frozenset[int]

    def __init__(
        self,
        total: int = 2,
        backoff_factor: float = 0.5,
        backoff_max: float = 8.0,
        retry_after_max: float = 60.0,
        status_idempotent: Iterable[int] = (429, 502, 503, 504),
        status_unsafe: Iterable[int] = (429,),
    ) -> None:
        if isinstance(total, bool) or not isinstance(total, int) or total < 0:
            raise ApiValueError(f"RetryPolicy.total must be an int >= 0, got {total!r}")
        for name, value in (
            ("backoff_factor", backoff_factor),
            ("backoff_max", backoff_max),
            ("retry_after_max", retry_after_max),
        ):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not value >= 0
                or not math.isfinite(value)
            ):
                raise ApiValueError(f"RetryPolicy.{name} must be a finite number >= 0, got {value!r}")
        statuses = {}
        for name, codes in (("status_idempotent", status_idempotent), ("status_unsafe", status_unsafe)):
            try:
                statuses[name] = frozenset(int(code) for code in codes)
            except (TypeError, ValueError):
                raise ApiTypeError(f"RetryPolicy.{name} must be HTTP status codes, got {codes!r}") from None
        if any(500 <= code <= 599 for code in statuses["status_unsafe"]):
            raise ApiValueError(
                "RetryPolicy.status_unsafe may not hold a 5xx: a send that got one may have been accepted"
            )
        set_ = object.__setattr__
        set_(self, "total", total)
        set_(self, "backoff_factor", float(backoff_factor))
        set_(self, "backoff_max", float(backoff_max))
        set_(self, "retry_after_max", float(retry_after_max))
        set_(self, "status_idempotent", statuses["status_idempotent"])
        set_(self, "status_unsafe", statuses["status_unsafe"])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("RetryPolicy is immutable; use with_total() or build a new one")

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RetryPolicy) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return "RetryPolicy({})".format(", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__[:4]))

    @classmethod
    def from_setting(cls, value: Any) -> RetryPolicy:
        """Build the policy from ``Configuration.retries``: None (the default policy), an int
        (that many retries), ``False`` (none), a ``urllib3.Retry`` or a ``RetryPolicy``.

        Of a ``urllib3.Retry`` only the number of retries (``total``, else the largest of
        ``connect``/``read``/``status``) and the backoff factor and maximum are taken: which
        requests may be retried is this SDK's rule, never the Retry's ``allowed_methods`` or
        ``status_forcelist``, so that no setting can make a send go out twice.
        """
        if value is None or value is True:
            return cls()
        if isinstance(value, RetryPolicy):
            return value
        if value is False:
            return cls(total=0)
        if isinstance(value, int):
            if value < 0:
                raise ApiValueError(f"Configuration.retries must be >= 0, got {value:d}")
            return cls(total=value)
        if hasattr(value, "total") and hasattr(value, "backoff_factor"):  # a urllib3.Retry
            counts = [
                n for n in (getattr(value, k, None) for k in ("total", "connect", "read", "status")) if type(n) is int
            ]
            if value.total is False:
                total = 0
            elif type(value.total) is int:
                total = max(0, value.total)
            else:
                total = max(counts) if counts else 2
            factor = value.backoff_factor or 0
            cap = getattr(value, "backoff_max", None) or getattr(value, "DEFAULT_BACKOFF_MAX", None) or 8.0
            return cls(total=total, backoff_factor=float(factor), backoff_max=float(cap))
        raise ApiTypeError(
            f"Configuration.retries must be None, an int, a urllib3.Retry or a RetryPolicy, got {type(value).__name__}"
        )

    def may_retry_error(self, method: str, when: str, attempt: int) -> bool:
        """Whether a transport failure on try number ``attempt`` (0-based) may be retried."""
        if attempt >= self.total:
            return False
        if when == NEVER_SENT:
            return True
        return is_idempotent(method)

    def may_retry_status(self, method: str, status: int, attempt: int) -> bool:
        """Whether an HTTP status on try number ``attempt`` (0-based) may be retried."""
        if attempt >= self.total:
            return False
        allowed = self.status_idempotent if is_idempotent(method) else self.status_unsafe
        return status in allowed

    def backoff(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to sleep before retry number ``attempt + 1``; None means do not retry
        (the server asked to wait longer than ``retry_after_max``)."""
        if retry_after is not None:
            if retry_after > self.retry_after_max:
                return None
            return retry_after
        ceiling = min(self.backoff_max, self.backoff_factor * (2**attempt))
        return random.uniform(0, ceiling) if ceiling > 0 else 0.0

    def with_total(self, total: int) -> RetryPolicy:
        """A copy with another number of retries."""
        return RetryPolicy(
            total,
            self.backoff_factor,
            self.backoff_max,
            self.retry_after_max,
            self.status_idempotent,
            self.status_unsafe,
        )
