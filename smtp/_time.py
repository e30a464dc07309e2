"""Time values of the API: one place that reads and checks them (standard library only).

The service takes a time parameter as an RFC 2822 date with its zone or as UNIX epoch seconds.
"""

from __future__ import annotations

from email.utils import parsedate_tz

__all__ = ["is_time_text", "time_problem"]


def is_time_text(text: str) -> bool:
    """Whether ``text`` is a UNIX epoch (ASCII digits) or an RFC 2822 date with its zone."""
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit():
        return True
    try:
        return parsedate_tz(stripped) is not None
    except (TypeError, ValueError, IndexError, OverflowError):
        return False


def time_problem(value: object) -> str | None:
    """What is wrong with a time argument (an RFC 2822 string, an epoch number or an aware
    ``datetime``), or None."""
    import datetime
    import math

    if isinstance(value, datetime.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            return "a naive datetime is ambiguous; give it a timezone, e.g. datetime.now(timezone.utc)"
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if math.isfinite(value) else "must be a finite number"
    if isinstance(value, str):
        return None if is_time_text(value) else f"{value[:60]!r} is neither an RFC 2822 date nor a UNIX epoch"
    return f"must be an RFC 2822 string, an epoch number or an aware datetime, got {type(value).__name__}"
