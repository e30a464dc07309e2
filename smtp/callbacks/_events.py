"""The events SMTP.com POSTs to a callback URL, read into typed values.

A delivery is a JSON array of 1 to 1000 objects (a single object is taken as a batch of one).
Each object carries the documented keys below; every other key is one of the message's
``unique_args`` (from its ``X-SMTPAPI`` header), merged flat into the object by the service.

Labels and subscription names
-----------------------------
A callback is registered for one of ten events (the ``event`` path parameter of CallbacksApi),
but the ``event_label`` in the payload need not be the same word: the service's documented
example of a bounce says ``"event_label": "bounce"``. ``CallbackEvent.event`` is the label mapped
to the subscription name when the mapping is known, else the label unchanged:

==================  ===============  ==================================================
label               ``event``        why
==================  ===============  ==================================================
the ten names       the same name    delivered, failed, complained, bounceback, received,
                                     queued, hard_bounced, opened, clicked, unsubscribed
``bounce``          ``failed``       the documented example: a 5xx reply at delivery
                                     (``resp_code`` 550), which the spec calls
                                     "failed - message bounced"; ``bounceback`` is a
                                     bounce notification received later
``delivery``        ``delivered``    label of SMTP.com's earlier push notifications
``complaint``       ``complained``   label of SMTP.com's earlier push notifications
``open``            ``opened``       the singular form (assumed, not documented)
``click``           ``clicked``      the singular form (assumed, not documented)
``unsubscribe``     ``unsubscribed`` the singular form (assumed, not documented)
==================  ===============  ==================================================

Labels are compared without regard to case or surrounding blanks. An unknown label is kept as
it is, never an error.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EVENTS", "LABELS", "CallbackError", "CallbackEvent", "parse"]

#: the events a callback can be registered for (CallbacksApi's ``event``)
EVENTS = (
    "delivered", "failed", "complained", "bounceback", "received",
    "queued", "hard_bounced", "opened", "clicked", "unsubscribed",
)  # fmt: skip

#: payload label (lower case) -> subscription name, where they differ (see the module's table)
LABELS: Mapping[str, str] = {
    "bounce": "failed",
    "delivery": "delivered",
    "complaint": "complained",
    "open": "opened",
    "click": "clicked",
    "unsubscribe": "unsubscribed",
}

_UTC = datetime.timezone.utc


class CallbackError(ValueError):
    """A callback body that is not a batch of events: not JSON, not objects, or a documented
    field of the wrong type. ``str()`` says what is wrong and where (``[3].time_started``);
    it never quotes the body."""


@dataclass(frozen=True)
class CallbackEvent:
    """One event of a callback batch.

    Identifiers (``id``, ``sender_id``, ``tracking_id``) are text whatever the JSON type they came
    as; times are aware UTC datetimes; a documented field absent from the object, or ``null`` in
    it, is ``None``. ``unique_args`` holds every other key of the object, as sent.
    """

    id: str | None
    label: str | None
    event: str | None
    sender_id: str | None = None
    tracking_id: str | None = None
    mail_from: str | None = None
    rcpt_to: str | None = None
    subject: str | None = None
    time_started: datetime.datetime | None = None
    time_finished: datetime.datetime | None = None
    tries: int | None = None
    resp_code: int | None = None
    resp_class: int | None = None
    resp_msg: str | None = None
    unique_args: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:  # unique_args is a dict: hash what identifies the event
        return hash((self.id, self.label, self.tracking_id, self.rcpt_to))

    def to_dict(self) -> dict[str, Any]:
        """The event in the service's format: documented keys (times as UNIX seconds) with
        ``unique_args`` merged flat; ``None`` fields are left out."""
        out: dict[str, Any] = {"id": self.id, "event_label": self.label}
        for name in _FIELDS:
            if name not in ("id", "event_label"):
                out[name] = getattr(self, name)
        for name in ("time_started", "time_finished"):
            when = out[name]
            if when is not None:
                seconds = when.timestamp()
                out[name] = int(seconds) if seconds.is_integer() else seconds
        out = {key: value for key, value in out.items() if value is not None}
        for key, value in self.unique_args.items():
            out.setdefault(key, value)
        return out


def parse(body: bytes | str) -> list[CallbackEvent]:
    """The events of one callback delivery.

    ``body`` is the request body: a JSON array of event objects, or one object. Raises
    :class:`CallbackError`, and nothing else, when it is not.
    """
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError as error:
            raise CallbackError(f"the body is not UTF-8 text (byte {error.start})") from None
    elif isinstance(body, str):
        text = body
    else:
        raise CallbackError(f"the body must be bytes or text, not {type(body).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise CallbackError("the body is empty; expected a JSON array of events")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise CallbackError("the body is not JSON: nested too deeply") from None
    except ValueError as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        position = f" at character {error.pos}" if isinstance(error, json.JSONDecodeError) else ""
        raise CallbackError(f"the body is not JSON: {reason}{position}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise CallbackError(f"expected a JSON array of event objects, got {_kind(data)}")
    if not data:
        raise CallbackError("the batch is empty; the service sends 1 to 1000 events")
    return [_event(item, f"[{index}]") for index, item in enumerate(data)]


# ------------------------------------------------------------------------------------
# field kinds
# ------------------------------------------------------------------------------------
def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _expected(problem: Exception) -> str:
    return str(problem) if isinstance(problem, TypeError) else "must be a number of a usable size"


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    raise TypeError("must be a string")


def _identifier(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and not isinstance(value, bool) and value.is_integer():
        return str(int(value))
    raise TypeError("must be a string or an integer")


def _integer(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit() and value.strip().isascii():
        return int(value.strip())
    raise TypeError("must be an integer")


#: the latest instant a datetime can hold, in UNIX seconds
_MAX_SECONDS = datetime.datetime.max.replace(tzinfo=_UTC).timestamp()
_MIN_SECONDS = datetime.datetime.min.replace(tzinfo=_UTC).timestamp()


def _time(value: Any) -> datetime.datetime | None:
    seconds: float
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str):
        try:
            seconds = float(value.strip()) if value.strip().isascii() else math.nan
        except ValueError:
            raise TypeError("must be UNIX seconds") from None
    else:
        raise TypeError("must be UNIX seconds")
    if isinstance(seconds, float) and not math.isfinite(seconds) or not _MIN_SECONDS <= seconds <= _MAX_SECONDS:
        raise TypeError("must be UNIX seconds within the years 1 to 9999")
    epoch = datetime.datetime(1970, 1, 1, tzinfo=_UTC)
    try:
        return epoch + datetime.timedelta(seconds=seconds)
    except OverflowError:
        raise TypeError("must be UNIX seconds within the years 1 to 9999") from None


#: JSON key -> reader of its value (the documented fields)
_FIELDS: dict[str, Any] = {
    "id": _identifier,
    "event_label": _text,
    "sender_id": _identifier,
    "tracking_id": _identifier,
    "mail_from": _text,
    "rcpt_to": _text,
    "subject": _text,
    "time_started": _time,
    "time_finished": _time,
    "tries": _integer,
    "resp_code": _integer,
    "resp_class": _integer,
    "resp_msg": _text,
}


def _event(item: Any, where: str) -> CallbackEvent:
    if not isinstance(item, dict):
        raise CallbackError(f"{where}: expected an event object, got {_kind(item)}")
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in item.items():
        reader = _FIELDS.get(key)
        if reader is None:
            extra[key] = value
            continue
        if value is None:
            values[key] = None
            continue
        try:
            values[key] = reader(value)
        except (TypeError, ValueError, OverflowError) as problem:  # the readers say what they expect
            raise CallbackError(f"{where}.{key}: {_expected(problem)}, got {_kind(value)}") from None
    label = values.pop("event_label", None)
    return CallbackEvent(event=event_name(label), label=label, id=values.pop("id", None), unique_args=extra, **values)


def event_name(label: str | None) -> str | None:
    """The subscription name of a payload label (see the module's table), or the label as is."""
    if label is None:
        return None
    key = label.strip().lower()
    if key in EVENTS:
        return key
    return LABELS.get(key, label)
