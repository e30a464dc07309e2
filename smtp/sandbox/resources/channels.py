"""Channels (senders): create, list, get, update, delete; and the rule that makes sends to an
unknown channel fail once any channel exists."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from smtp.sandbox.resources._common import Call, Handler, bad, missing, success
from smtp.sandbox.store import Store

__all__ = ["HANDLERS", "channel_problem", "seed_channels"]

#: the quota of a channel made from ``--channel``
SEEDED_QUOTA = 1_000_000
_COLUMNS = "name, smtp_username, quota, date_created"


def channel_problem(store: Store, name: str) -> str | None:
    """Why a send (or a callback) may not use channel ``name``, or None. While no channel
    exists every name passes, as the sandbox always did; once one exists, only those."""
    names = [row[0] for row in store.query("SELECT name FROM channels ORDER BY name")]
    if not names or name in names:
        return None
    shown = ", ".join(repr(n) for n in names[:20]) + (", ..." if len(names) > 20 else "")
    return f"unknown channel {name[:100]!r}; this account has: {shown}"


def seed_channels(store: Store, names: Iterable[str], now: int) -> None:
    """Create the channels named on the command line (``--channel``), unless they exist."""
    rows = [(n, n, "", SEEDED_QUOTA, now) for n in names if n]
    if rows:
        store.transaction(lambda db: db.executemany("INSERT OR IGNORE INTO channels VALUES (?, ?, ?, ?, ?)", rows))


def _usage(db: sqlite3.Connection | Store, name: str) -> int:
    sql, args = "SELECT count(*) FROM items WHERE channel = ?", (name,)
    rows = db.query(sql, args) if isinstance(db, Store) else db.execute(sql, args).fetchall()
    return int(rows[0][0])


def _fields(row: Any, usage: int, status: str = "active") -> dict[str, Any]:
    name, smtp_username, quota, date_created = row
    return {
        "status": status,
        "quota": quota,
        "name": name,
        "label": name,
        "usage": usage,
        "date_created": date_created,
        "smtp_username": smtp_username,
    }


def _one(db: sqlite3.Connection, name: str) -> Any:
    row = db.execute(f"SELECT {_COLUMNS} FROM channels WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise missing("name", f"channel {name[:100]!r}")
    return row


def list_channels(call: Call) -> Any:
    rows = call.store.query(f"SELECT {_COLUMNS} FROM channels ORDER BY date_created, name")
    items = []
    for row in rows:
        item = _fields(row, _usage(call.store, row[0]))
        del item["label"]
        items.append(item)
    return success({"items": items})


def create(call: Call) -> Any:
    name = call.get("name")

    def work(db: sqlite3.Connection) -> Any:
        if db.execute("SELECT 1 FROM channels WHERE name = ?", (name,)).fetchone():
            raise bad("name", f"a channel {name[:100]!r} already exists")
        row = (name, call.get("smtp_username"), call.get("quota"), call.now())
        db.execute("INSERT INTO channels VALUES (?, ?, ?, ?, ?)", (*row[:2], call.get("smtp_password"), *row[2:]))
        return success(_fields(row, 0))

    return call.write(work)


def get(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> Any:
        row = _one(db, call.get("name"))
        return success(_fields(row, _usage(db, row[0])))

    return call.write(work)


def update(call: Call) -> Any:
    name = call.get("name")

    def work(db: sqlite3.Connection) -> Any:
        _one(db, name)
        for column in ("smtp_username", "smtp_password", "quota"):
            if column in call.values:
                db.execute(f"UPDATE channels SET {column} = ? WHERE name = ?", (call.get(column), name))
        row = _one(db, name)
        return success(_fields(row, _usage(db, name)))

    return call.write(work)


def delete(call: Call) -> Any:
    name = call.get("name")

    def work(db: sqlite3.Connection) -> Any:
        row = _one(db, name)
        usage = _usage(db, name)
        db.execute("DELETE FROM channels WHERE name = ?", (name,))
        db.execute("DELETE FROM callbacks WHERE channel = ?", (name,))
        return success(_fields(row, usage, status="deleted"))

    return call.write(work)


HANDLERS: dict[str, Handler] = {
    "v4_channels_get": list_channels,
    "v4_channels_post": create,
    "get_sender": get,
    "v4_channels_name_patch": update,
    "v4_channels_name_delete": delete,
}
