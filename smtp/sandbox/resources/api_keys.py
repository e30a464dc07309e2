"""API keys: create (the new key then authenticates), list, get, update, delete (revokes)."""

from __future__ import annotations

import secrets
import sqlite3
from typing import Any

from smtp.sandbox.resources._common import Call, Handler, missing, success
from smtp.sandbox.store import Store

__all__ = ["HANDLERS", "key_state"]

_COLUMNS = "key, name, description, status, date_created"


def key_state(store: Store, secret: str) -> str | None:
    """``"active"`` for a key created through the API, ``"revoked"`` for one deleted since,
    None for a key the store does not know."""
    rows = store.query("SELECT status FROM api_keys WHERE key = ?", (secret,))
    return str(rows[0][0]) if rows else None


def _fields(row: Any) -> dict[str, Any]:
    key, name, description, status, date_created = row
    return {
        "status": status,
        "name": name,
        "description": description,
        "key": key,
        "date_created": str(date_created),
    }


def _reply(row: Any) -> dict[str, Any]:
    """One key as the generated ``APIKey`` model reads it (its fields at the top level, with
    ``descrption`` spelled as the model spells it) and as the service's example shows it
    (under ``data``)."""
    fields = _fields(row)
    return {**fields, "descrption": fields["description"], "data": fields}


def _one(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute(f"SELECT {_COLUMNS} FROM api_keys WHERE key = ? AND status = 'active'", (key,)).fetchone()
    if row is None:
        raise missing("api_key", "such API key")
    return row


def list_keys(call: Call) -> Any:
    rows = call.store.query(f"SELECT {_COLUMNS} FROM api_keys WHERE status = 'active' ORDER BY date_created, rowid")
    return success({"items": [_fields(row) for row in rows]})


def create(call: Call) -> Any:
    row = (secrets.token_hex(20), call.get("name"), call.get("description"), "active", call.now())
    call.write(lambda db: db.execute("INSERT INTO api_keys VALUES (?, ?, ?, ?, ?)", row))
    return _reply(row)


def get(call: Call) -> Any:
    return _reply(call.write(lambda db: _one(db, call.get("api_key"))))


def update(call: Call) -> Any:
    key = call.get("api_key")

    def work(db: sqlite3.Connection) -> Any:
        _one(db, key)
        for column in ("name", "description"):
            if column in call.values:
                db.execute(f"UPDATE api_keys SET {column} = ? WHERE key = ?", (call.get(column), key))
        return _one(db, key)

    return _reply(call.write(work))


def delete(call: Call) -> Any:
    key = call.get("api_key")

    def work(db: sqlite3.Connection) -> None:
        _one(db, key)
        db.execute("UPDATE api_keys SET status = 'revoked' WHERE key = ?", (key,))

    call.write(work)
    return success({"api_key": "deleted"})


HANDLERS: dict[str, Handler] = {
    "v4_api_keys_get": list_keys,
    "v4_api_keys_post": create,
    "get_api_key": get,
    "v4_api_keys_api_key_patch": update,
    "v4_api_keys_api_key_delete": delete,
}
