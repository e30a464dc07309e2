"""Sending domains and their DKIM keys: register, list, get, enable or disable, delete; add,
get, update and delete a domain's DKIM selector and private key.

The sandbox checks that a private key is PEM text, keeps it, and never signs with it: its
``is_valid`` (whether the key matches the public key published in DNS) is always false.
"""

from __future__ import annotations

import base64
import binascii
import re
import sqlite3
from typing import Any

from smtp.sandbox.resources._common import Call, Handler, bad, missing, success

__all__ = ["HANDLERS", "pem_problem"]

_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"{_LABEL}(\.{_LABEL})+")
_SELECTOR = re.compile(rf"{_LABEL}(\.{_LABEL})*")
_PEM = re.compile(
    r"-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END \1-----\s*",
)


def domain_problem(name: str) -> str | None:
    """Why ``name`` is not a domain name (``example.com``), or None."""
    if len(name) > 253 or not _DOMAIN.fullmatch(name):
        return f"{name[:100]!r} is not a domain name (expected e.g. example.com)"
    return None


def pem_problem(text: str) -> str | None:
    """Why ``text`` is not a PEM private key (``-----BEGIN PRIVATE KEY-----`` ... base64 ...
    ``-----END PRIVATE KEY-----``, also RSA or EC), or None."""
    found = _PEM.fullmatch(text.strip() + "\n")
    if found is None:
        return "must be a private key as PEM text (-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)"
    try:
        body = base64.b64decode("".join(found.group(2).split()), validate=True)
    except (binascii.Error, ValueError):
        body = b""
    if len(body) < 32:
        return "the PEM text does not hold a key (its base64 body is empty or invalid)"
    return None


def _domain_row(db: sqlite3.Connection, name: str) -> Any:
    row = db.execute("SELECT domain_name, enabled FROM domains WHERE domain_name = ?", (name.lower(),)).fetchone()
    if row is None:
        raise missing("domain_name", f"domain {name[:100]!r}")
    return row


def list_domains(call: Call) -> Any:
    rows = call.store.query("SELECT domain_name, enabled FROM domains ORDER BY date_created, domain_name")
    return success({"items": [{"domain_name": name, "enabled": bool(enabled)} for name, enabled in rows]})


def register(call: Call) -> Any:
    name = call.get("domain_name")
    problem = domain_problem(name)
    if problem:
        raise bad("domain_name", problem)

    def work(db: sqlite3.Connection) -> None:
        if db.execute("SELECT 1 FROM domains WHERE domain_name = ?", (name.lower(),)).fetchone():
            raise bad("domain_name", f"{name[:100]!r} is already registered")
        db.execute("INSERT INTO domains VALUES (?, 1, ?)", (name.lower(), call.now()))

    call.write(work)
    return success({"domain_name": "created"})


def get(call: Call) -> Any:
    name, enabled = call.write(lambda db: _domain_row(db, call.get("domain_name")))
    return success({"domain_name": name, "enabled": bool(enabled)})


def set_enabled(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> None:
        name, _ = _domain_row(db, call.get("domain_name"))
        db.execute("UPDATE domains SET enabled = ? WHERE domain_name = ?", (int(call.get("enabled")), name))

    call.write(work)
    return success({"domain": "updated"})


def delete(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> None:
        name, _ = _domain_row(db, call.get("domain_name"))
        db.execute("DELETE FROM dkim_keys WHERE domain_name = ?", (name,))
        db.execute("DELETE FROM domains WHERE domain_name = ?", (name,))

    call.write(work)
    return success({"domain": "deleted"})


def _checked_key(call: Call) -> tuple[str, str]:
    errors = {}
    selector, private_key = call.get("selector"), call.get("private_key")
    if not _SELECTOR.fullmatch(selector):
        errors["selector"] = f"{selector[:60]!r} is not a DKIM selector (letters, digits, '-' and '.')"
    problem = pem_problem(private_key)
    if problem:
        errors["private_key"] = problem
    if errors:
        from smtp.sandbox.errors import Reject

        raise Reject.bad_request(errors)
    return selector, private_key.strip() + "\n"


def add_key(call: Call) -> Any:
    selector, private_key = _checked_key(call)

    def work(db: sqlite3.Connection) -> None:
        name, _ = _domain_row(db, call.get("domain_name"))
        if db.execute("SELECT 1 FROM dkim_keys WHERE domain_name = ?", (name,)).fetchone():
            raise bad("domain_name", f"{name!r} has a DKIM key already; change it with PATCH")
        db.execute("INSERT INTO dkim_keys VALUES (?, ?, ?)", (name, selector, private_key))

    call.write(work)
    return success({"dkim_key": "created"})


def _key_row(db: sqlite3.Connection, domain: str) -> Any:
    name, _ = _domain_row(db, domain)
    row = db.execute("SELECT selector, private_key FROM dkim_keys WHERE domain_name = ?", (name,)).fetchone()
    if row is None:
        raise missing("domain_name", f"DKIM key for {name!r}")
    return name, *row


def get_key(call: Call) -> Any:
    name, selector, private_key = call.write(lambda db: _key_row(db, call.get("domain_name")))
    return success({"domain_name": name, "selector": selector, "private_key": private_key, "is_valid": False})


def update_key(call: Call) -> Any:
    selector, private_key = _checked_key(call)

    def work(db: sqlite3.Connection) -> None:
        name, _, _ = _key_row(db, call.get("domain_name"))
        db.execute(
            "UPDATE dkim_keys SET selector = ?, private_key = ? WHERE domain_name = ?", (selector, private_key, name)
        )

    call.write(work)
    return success({"dkim_key": "updated"})


def delete_key(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> None:
        name, _, _ = _key_row(db, call.get("domain_name"))
        db.execute("DELETE FROM dkim_keys WHERE domain_name = ?", (name,))

    call.write(work)
    return success({"dkim_key": "deleted"})


HANDLERS: dict[str, Handler] = {
    "v4_domains_get": list_domains,
    "v4_domains_post": register,
    "v4_domains_domain_name_get": get,
    "v4_domains_domain_name_patch": set_enabled,
    "v4_domains_domain_name_delete": delete,
    "v4_domains_domain_name_dkim_keys_post": add_key,
    "v4_domains_domain_name_dkim_keys_get": get_key,
    "v4_domains_domain_name_dkim_keys_patch": update_key,
    "v4_domains_domain_name_dkim_keys_delete": delete_key,
}
