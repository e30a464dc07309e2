"""The account: its details (usage counted from the stored messages) and its contact update."""

from __future__ import annotations

import sqlite3
from typing import Any

from smtp.sandbox.resources._common import Call, Handler, bad, from_json, success, to_json
from smtp.validation import addr_spec_problem

__all__ = ["HANDLERS"]

# the contact of a new sandbox account
_DEFAULT = {
    "status": "active",
    "first_name": "Sandbox",
    "last_name": "User",
    "phone": "",
    "website": "",
    "email": "sandbox@example.com",
    "company_name": "",
    "address": {"street": "", "city": "", "state": "", "country": ""},
}
_CONTACT = ("first_name", "last_name", "email", "company_name", "phone", "website")
_ADDRESS = ("street", "city", "state", "country")


def _load(db: sqlite3.Connection, now: int) -> tuple[dict[str, Any], int]:
    row = db.execute("SELECT data, date_created FROM account WHERE id = 1").fetchone()
    if row is None:
        db.execute("INSERT INTO account VALUES (1, ?, ?)", (to_json(_DEFAULT), now))
        return from_json(to_json(_DEFAULT)), now
    return from_json(row[0]), int(row[1])


def details(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> Any:
        data, created = _load(db, call.now())
        usage = int(db.execute("SELECT count(*) FROM items").fetchone()[0])
        # the schema names it "date created", the service's example "date_created": both are sent
        return success({**data, "usage": usage, "date_created": created, "date created": created})

    return call.write(work)


def update_contact(call: Call) -> Any:
    given = {name: value for name, value in call.values.items()}
    if not given:
        raise bad("contact", f"give at least one of {', '.join(_CONTACT)}, address.{', address.'.join(_ADDRESS)}")
    if "email" in given:
        problem = addr_spec_problem(given["email"])
        if problem:
            raise bad("email", problem)

    def work(db: sqlite3.Connection) -> None:
        data, _ = _load(db, call.now())
        for name in _CONTACT:
            if name in given:
                data[name] = given[name]
        for part in _ADDRESS:
            if f"address_{part}" in given:
                data["address"][part] = given[f"address_{part}"]
        db.execute("UPDATE account SET data = ? WHERE id = 1", (to_json(data),))

    call.write(work)
    return success({"account": "updated"})


HANDLERS: dict[str, Handler] = {"v4_account_get": details, "v4_account_contact_patch": update_contact}
