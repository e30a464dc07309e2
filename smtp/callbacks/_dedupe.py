"""Remembering which events were handled, so that a batch delivered again is not handled again.

The service retries a failed delivery and may deliver the same event more than once; a receiver
skips every event whose ``id`` it has already handled. Any object with the two methods of
:class:`DedupeStore` will do (a Redis set, a table of the application's database, ...); two come
with the package:

* :class:`MemoryDedupe`: the last ``max_entries`` ids of this process (lost on restart);
* :class:`SQLiteDedupe`: ids in a SQLite file, shared by the processes of one machine and kept
  across restarts, the oldest dropped past ``max_entries``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import OrderedDict
from typing import Protocol, runtime_checkable

__all__ = ["DedupeStore", "MemoryDedupe", "SQLiteDedupe"]


@runtime_checkable
class DedupeStore(Protocol):
    """Where a receiver records the ids of the events it has handled."""

    def seen(self, event_id: str) -> bool:
        """Whether the event with this id was handled already."""
        ...

    def remember(self, event_id: str) -> None:
        """Record that the event with this id has been handled."""
        ...


class MemoryDedupe:
    """The ids of the last ``max_entries`` events handled by this process (thread safe)."""

    def __init__(self, max_entries: int = 100_000) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MemoryDedupe(max_entries={self.max_entries}, held={len(self)})"

    def __len__(self) -> int:
        return len(self._ids)

    def seen(self, event_id: str) -> bool:
        with self._lock:
            return event_id in self._ids

    def remember(self, event_id: str) -> None:
        with self._lock:
            self._ids[event_id] = None
            self._ids.move_to_end(event_id)
            while len(self._ids) > self.max_entries:
                self._ids.popitem(last=False)


class SQLiteDedupe:
    """Handled ids in a SQLite database file, kept across restarts (thread and process safe).

    At most ``max_entries`` ids are kept; past that the oldest are dropped. The service re-sends a
    failed batch within hours, so a bound of a few days' traffic is plenty.
    """

    _PRUNE_EVERY = 1000

    def __init__(self, path: str | os.PathLike[str], max_entries: int = 1_000_000) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.path = os.fspath(path)
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._added = 0
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        with self._lock:
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")  # readers of other processes do not block
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS smtp_callback_seen "
                "(n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, at REAL NOT NULL)"
            )

    def __repr__(self) -> str:
        return f"SQLiteDedupe({self.path!r}, max_entries={self.max_entries})"

    def seen(self, event_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM smtp_callback_seen WHERE id = ?", (event_id,)).fetchone()
        return row is not None

    def remember(self, event_id: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO smtp_callback_seen (id, at) VALUES (?, ?)", (event_id, time.time()))
            self._added += 1
            if self._added % min(self._PRUNE_EVERY, self.max_entries) == 0:
                self._prune()

    def _prune(self) -> None:
        self._db.execute(
            "DELETE FROM smtp_callback_seen WHERE n <= (SELECT MAX(n) FROM smtp_callback_seen) - ?",
            (self.max_entries,),
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> SQLiteDedupe:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
