"""Callbacks: where the service reports the events of a channel, one per channel and event,
by HTTP POST to a URL (medium ``http``) or to an Amazon SQS queue (``aws`` or ``sqs``, with
``aws_data``). Create, get, update, delete, list, delete all, and the delivery log.

Delivering the events is not done here: the log reads ``callback_attempts``, which callback
delivery writes; until then it is empty.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any
from urllib.parse import urlsplit

from smtp.sandbox.errors import Reject
from smtp.sandbox.resources._common import Call, Handler, bad, success
from smtp.sandbox.resources.channels import channel_problem
from smtp.sandbox.store import Store

__all__ = ["HANDLERS", "overview", "record_attempt", "registered"]

#: how many log entries ``v4_callbacks_log_get`` returns when no ``limit`` is given (as the service)
DEFAULT_LOG_LIMIT = 20
_COLUMNS = "medium, event, channel, address, aws_data"


def registered(store: Store, channel: str, event: str) -> dict[str, Any] | None:
    """The callback of ``event`` on ``channel`` (medium, address, aws_data), or None. For
    callback delivery."""
    rows = store.query(f"SELECT {_COLUMNS} FROM callbacks WHERE channel = ? AND event = ?", (channel, event))
    return _fields(rows[0]) if rows else None


def record_attempt(store: Store, channel: str, event: str, address: str, at: float, code: int, msg: str) -> None:
    """Log one delivery attempt of a callback (what ``v4_callbacks_log_get`` lists): the HTTP
    status it got (0 when none arrived) and a short message. For callback delivery."""
    store.transaction(
        lambda db: db.execute(
            "INSERT INTO callback_attempts (channel, event, address, time, code, msg) VALUES (?, ?, ?, ?, ?, ?)",
            (channel, event, address, at, code, msg[:500]),
        )
    )


def overview(store: Store, log_limit: int = 200) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every registered callback and the newest delivery attempts of every channel, for the web
    inbox's callbacks page; credentials in the registered URLs are masked."""
    from smtp._redact import redact_text, redact_url
    from smtp.sandbox.events import format_time

    callbacks = [
        {**_fields(row), "address": redact_url(row[3]), "aws_data": None}
        for row in store.query(f"SELECT {_COLUMNS} FROM callbacks ORDER BY channel, event")
    ]
    attempts = [
        {"time": format_time(at), "channel": channel, "event": event, "code": code, "msg": redact_text(msg)}
        for channel, event, at, code, msg in store.query(
            "SELECT channel, event, time, code, msg FROM callback_attempts ORDER BY seq DESC LIMIT ?", (log_limit,)
        )
    ]
    return callbacks, attempts


def _fields(row: Any) -> dict[str, Any]:
    return dict(zip(("medium", "event", "channel", "address", "aws_data"), row, strict=True))


def _problems(medium: str, address: str, aws_data: str | None) -> dict[str, str]:
    """What is wrong with a callback's destination, by field."""
    errors: dict[str, str] = {}
    if medium == "http":
        split = urlsplit(address)
        if split.scheme not in ("http", "https") or not split.hostname or any(c.isspace() for c in address):
            errors["address"] = f"{address[:100]!r} is not an http:// or https:// URL"
    else:
        if any(c.isspace() for c in address):
            errors["address"] = "an SQS queue name has no blanks"
        if aws_data is None:
            errors["aws_data"] = f"is required for medium {medium!r} (the SQS settings as a JSON object)"
        else:
            try:
                parsed = json.loads(aws_data)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                errors["aws_data"] = "must be a JSON object (the SQS settings)"
    return errors


def _one(db: sqlite3.Connection, channel: str, event: str) -> Any:
    row = db.execute(f"SELECT {_COLUMNS} FROM callbacks WHERE channel = ? AND event = ?", (channel, event)).fetchone()
    if row is None:
        raise Reject(404, {"event": f"no callback for {event!r} on channel {channel[:100]!r}"})
    return row


def list_callbacks(call: Call) -> Any:
    rows = call.store.query(f"SELECT {_COLUMNS} FROM callbacks ORDER BY channel, date_created, event")
    return success({"items": [_fields(row) for row in rows]})


def create(call: Call) -> Any:
    channel, event = call.get("channel"), call.get("event")
    medium, address, aws_data = call.get("medium"), call.get("address"), call.get("aws_data")
    errors = _problems(medium, address, aws_data)
    problem = channel_problem(call.store, channel, call.channels)
    if problem:
        errors["channel"] = problem
    if errors:
        raise Reject.bad_request(errors)

    def work(db: sqlite3.Connection) -> None:
        if db.execute("SELECT 1 FROM callbacks WHERE channel = ? AND event = ?", (channel, event)).fetchone():
            raise bad("event", f"channel {channel[:100]!r} has a callback for {event!r} already; change it with PATCH")
        row = (channel, event, medium, address, aws_data, call.now())
        db.execute("INSERT INTO callbacks VALUES (?, ?, ?, ?, ?, ?)", row)

    call.write(work)
    return success({"callback": "created"})


def get(call: Call) -> Any:
    return success(_fields(call.write(lambda db: _one(db, call.get("channel"), call.get("event")))))


def update(call: Call) -> Any:
    channel, event = call.get("channel"), call.get("event")

    def work(db: sqlite3.Connection) -> None:
        current = _fields(_one(db, channel, event))
        changed = {name: call.get(name, current[name]) for name in ("medium", "address", "aws_data")}
        errors = _problems(changed["medium"], changed["address"], changed["aws_data"])
        if errors:
            raise Reject.bad_request(errors)
        db.execute(
            "UPDATE callbacks SET medium = ?, address = ?, aws_data = ? WHERE channel = ? AND event = ?",
            (changed["medium"], changed["address"], changed["aws_data"], channel, event),
        )

    call.write(work)
    return success({"callback": "updated"})


def delete(call: Call) -> Any:
    channel, event = call.get("channel"), call.get("event")

    def work(db: sqlite3.Connection) -> None:
        _one(db, channel, event)
        db.execute("DELETE FROM callbacks WHERE channel = ? AND event = ?", (channel, event))

    call.write(work)
    return success({"callback": "deleted"})


def delete_all(call: Call) -> Any:
    call.write(lambda db: db.execute("DELETE FROM callbacks"))
    return success({"callbacks": "deleted"})


def log(call: Call) -> Any:
    from smtp.sandbox.events import format_time

    limit = call.get("limit", DEFAULT_LOG_LIMIT)
    rows = call.store.query(
        "SELECT code, msg, time FROM callback_attempts WHERE channel = ? ORDER BY seq DESC LIMIT ?",
        (call.get("channel"), limit),
    )
    return success({"items": [{"code": code, "msg": msg, "time": format_time(at)} for code, msg, at in rows]})


HANDLERS: dict[str, Handler] = {
    "v4_callbacks_get": list_callbacks,
    "v4_callbacks_delete": delete_all,
    "v4_callbacks_event_post": create,
    "v4_callbacks_event_get": get,
    "v4_callbacks_event_patch": update,
    "v4_callbacks_event_delete": delete,
    "v4_callbacks_log_get": log,
}
