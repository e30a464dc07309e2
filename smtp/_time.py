"""Time values: the one place that reads and checks them (standard library only).

The service takes a time parameter as an RFC 2822 date or as UNIX epoch seconds; the client,
the sandbox and the ``Retry-After`` reader all go through ``parse_time``. The conveniences
(``smtp.paging``, the CLI's ``--since``) also take, with ``loose=True``:

- a ``date`` or ``"YYYY-MM-DD"``: midnight UTC at the start of that day;
- an ISO 8601 time such as ``"2026-11-20T10:30:00+01:00"`` (without an offset it means UTC);
- a duration before ``now``: ``"90s"``, ``"30m"``, ``"6h"``, ``"2d"`` or ``"1w"``.

Every refusal is a problem text ready for an ``ApiValueError`` (this module is below the
exceptions and raises none of them): text that is no time, non-ASCII digits (``"²"``), NaN and
infinities, digit strings too long to be a moment, and years outside 1 to 9999.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

__all__ = [
    "NAIVE_DATETIME",
    "MAX_EPOCH",
    "MIN_EPOCH",
    "TimeProblem",
    "is_time_text",
    "parse_time",
    "time_problem",
    "to_epoch",
    "wire_time",
]

#: What is wrong with a ``datetime`` without a timezone (the one copy of this sentence).
NAIVE_DATETIME = "a naive datetime is ambiguous; give it a timezone, e.g. datetime.now(timezone.utc)"
#: The last second of the year 9999 and the first of the year 1, in UNIX epoch seconds.
MAX_EPOCH = 253402300799
MIN_EPOCH = -62135596800

_UTC = datetime.timezone.utc
_STRICT_FORMS = "neither an RFC 2822 date (e.g. 'Fri, 20 Nov 2026 10:00:00 +0000') nor a UNIX epoch"
_LOOSE_FORMS = (
    "not a time: use an aware datetime, 'YYYY-MM-DD' (midnight UTC), an ISO 8601 or RFC 2822 date, "
    "a UNIX epoch or a duration such as '2h' or '7d'"
)
_DIGITS = re.compile(r"[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION = re.compile(r"([0-9]{1,15}(?:\.[0-9]{1,15})?)\s*([smhdw])")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_OUT_OF_RANGE = "is outside the years 1 to 9999"


class TimeProblem(ValueError):
    """A value that is no time, raised by ``to_epoch``; ``problem`` is the text to show."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _shown(value: Any) -> str:
    return repr(value[:60]) if isinstance(value, str) else repr(value)


def _checked(epoch: float, value: Any) -> tuple[float | None, str | None]:
    if MIN_EPOCH <= epoch <= MAX_EPOCH:
        return epoch, None
    return None, f"{_shown(value)} {_OUT_OF_RANGE}"


def _rfc2822(text: str) -> float | None:
    """Epoch seconds of an RFC 2822 date (UTC when the zone is missing or ``-0000``), or None."""
    from email.utils import parsedate_tz

    try:
        parts = parsedate_tz(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parts is None:
        return None
    try:  # parsedate_tz does not check the fields: 31 February, hour 99, year 10000
        moment = datetime.datetime(*parts[:6], tzinfo=_UTC)  # type: ignore[misc]
    except (TypeError, ValueError, OverflowError):
        return None
    return moment.timestamp() - (parts[9] or 0)


def _loose_text(text: str, now: float | None) -> tuple[float | None, str | None] | None:
    """The forms only the conveniences take; None when ``text`` is none of them."""
    duration = _DURATION.fullmatch(text.lower())
    if duration:
        if now is None:
            import time

            now = time.time()
        return _checked(now - float(duration.group(1)) * _SECONDS[duration.group(2)], text)
    try:
        if _DATE.fullmatch(text):
            day = datetime.date.fromisoformat(text)
            return float(datetime.datetime(day.year, day.month, day.day, tzinfo=_UTC).timestamp()), None
        if text[:4].isascii() and text[:4].isdigit() and text[4:5] == "-":  # ISO 8601 date and time
            iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
            moment = datetime.datetime.fromisoformat(iso)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=_UTC)
            return _checked(moment.timestamp(), text)
    except (ValueError, OverflowError):
        return None, f"{_shown(text)} is {_LOOSE_FORMS}"
    return None


def parse_time(value: Any, *, loose: bool = False, now: float | None = None) -> tuple[float | None, str | None]:
    """``(epoch seconds, None)`` for a valid time argument, ``(None, problem)`` otherwise.

    Valid: an RFC 2822 string, a string of ASCII digits, a finite ``int``/``float`` epoch, an
    aware ``datetime``; with ``loose``, also the forms of the module docstring (``now``, epoch
    seconds, is what a duration counts back from).
    """
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            return None, NAIVE_DATETIME
        try:
            return value.timestamp(), None
        except (ValueError, OverflowError):
            return None, f"{value!r} {_OUT_OF_RANGE}"
    if loose and isinstance(value, datetime.date):
        return float(datetime.datetime(value.year, value.month, value.day, tzinfo=_UTC).timestamp()), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
            return None, f"must be a finite number of epoch seconds, got {value!r}"
        return _checked(value, value) if isinstance(value, float) else _checked_int(value)
    if not isinstance(value, str):
        kinds = (
            "a datetime, a date, an epoch or a string"
            if loose
            else "an RFC 2822 string, an epoch number or an aware datetime"
        )
        return None, f"must be {kinds}, got {type(value).__name__}"
    text = value.strip()
    if _DIGITS.fullmatch(text):
        if len(text) > len(str(MAX_EPOCH)):
            return None, f"{_shown(value)} {_OUT_OF_RANGE}"
        return _checked(float(int(text)), value)
    if loose:
        found = _loose_text(text, now)
        if found is not None:
            return found
    epoch = _rfc2822(text)
    if epoch is None:
        return None, f"{_shown(value)} is {_LOOSE_FORMS if loose else _STRICT_FORMS}"
    return _checked(epoch, value)


def _checked_int(value: int) -> tuple[float | None, str | None]:
    if MIN_EPOCH <= value <= MAX_EPOCH:
        return float(value), None
    shown = repr(value) if value.bit_length() < 200 else "a number of more than 60 digits"
    return None, f"{shown} {_OUT_OF_RANGE}"


def time_problem(value: Any, *, loose: bool = False) -> str | None:
    """What is wrong with a time argument, or None."""
    return parse_time(value, loose=loose)[1]


def is_time_text(text: str) -> bool:
    """Whether ``text`` is a UNIX epoch (ASCII digits) or an RFC 2822 date, within years 1 to 9999."""
    return parse_time(text)[1] is None


def to_epoch(value: Any, *, loose: bool = False, now: float | None = None) -> float:
    """Epoch seconds of a time argument; raises ``TimeProblem`` (a ``ValueError`` whose
    ``problem`` is the text to show) when it is none."""
    epoch, problem = parse_time(value, loose=loose, now=now)
    if epoch is None:
        raise TimeProblem(problem or "not a time")
    return epoch


def wire_time(value: Any) -> tuple[str | None, str | None]:
    """A time argument as the service takes it: ``(text, None)`` or ``(None, problem)``.
    A string goes as written; a number or a ``datetime`` as whole epoch seconds."""
    epoch, problem = parse_time(value)
    if epoch is None:
        return None, problem
    if isinstance(value, str):
        return value, None
    return str(int(epoch)), None
