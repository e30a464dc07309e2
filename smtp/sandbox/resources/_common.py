"""What every resource handler shares: the call it answers, the reply envelope, the refusals."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Mapping
from typing import Any

from smtp.sandbox.errors import Reject
from smtp.sandbox.store import Store

__all__ = ["Call", "Handler", "Reply", "bad", "from_json", "missing", "success", "to_json"]

# a whole reply: status, content type, body, extra headers (as the server's routes return it)
Reply = tuple[int, str, bytes, dict[str, str]]


class Call:
    """One request to a resource, its parameters already checked against the declaration.

    ``values`` maps each given parameter's Python name to its value (path and query alike);
    ``base_url`` is where the client reached the sandbox (for links in replies); ``channels``
    are the channels the sandbox was started with (``--channel``).
    """

    __slots__ = ("store", "values", "clock", "base_url", "channels")

    def __init__(
        self,
        store: Store,
        values: Mapping[str, Any],
        clock: Callable[[], float],
        base_url: str,
        channels: frozenset[str] = frozenset(),
    ) -> None:
        self.store = store
        self.values = dict(values)
        self.clock = clock
        self.base_url = base_url
        self.channels = channels

    def get(self, name: str, default: Any = None) -> Any:
        """A parameter's value, or ``default`` when the request did not give it."""
        return self.values.get(name, default)

    def now(self) -> int:
        """The current time, in whole epoch seconds."""
        return int(self.clock())

    def write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``work(db)`` in one transaction; a ``Reject`` raised inside leaves nothing written."""
        return self.store.transaction(work)


# a handler answers a call with the reply's JSON value (or a whole ``Reply``)
Handler = Callable[[Call], Any]


def success(data: Any = None) -> dict[str, Any]:
    """The service's success envelope."""
    return {"status": "success", "data": {} if data is None else data}


def bad(field: str, problem: str) -> Reject:
    """A 400 naming ``field``."""
    return Reject.bad_request({field: problem})


def missing(field: str, what: str) -> Reject:
    """A 404 naming ``field``: nothing called that exists."""
    return Reject(404, {field: f"no {what} is registered"})


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def utc_text(seconds: float) -> str:
    """An epoch as ``YYYY-MM-DD HH:MM:SS`` UTC."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))
