"""Alerts: ``monthly_quota`` alerts (a share of the quota used): create, list, get, update, delete."""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from smtp.operations.alerts import THRESHOLDS
from smtp.sandbox.resources._common import Call, Handler, bad, missing, success

__all__ = ["HANDLERS"]

#: the threshold of an alert created without one (the whole quota)
DEFAULT_THRESHOLD = 1.0


def _threshold(call: Call) -> float | None:
    value = call.get("threshold")
    if value is None:
        return None
    if value not in {float(t) for t in THRESHOLDS}:
        raise bad("threshold", f"must be one of {', '.join(THRESHOLDS)} (a share of the monthly quota); got {value:g}")
    return float(value)


def _fields(row: Any) -> dict[str, Any]:
    alert_id, kind, threshold = row
    return {"type": kind, "threshold": f"{threshold:g}", "alert_id": alert_id}


def _one(db: sqlite3.Connection, alert_id: str) -> Any:
    row = db.execute("SELECT alert_id, type, threshold FROM alerts WHERE alert_id = ?", (alert_id,)).fetchone()
    if row is None:
        raise missing("alert_id", f"alert {alert_id[:60]!r}")
    return row


def list_alerts(call: Call) -> Any:
    rows = call.store.query("SELECT alert_id, type, threshold FROM alerts ORDER BY date_created, rowid")
    return success({"items": [_fields(row) for row in rows]})


def create(call: Call) -> Any:
    threshold = _threshold(call)
    alert_id = uuid.uuid4().hex
    row = (alert_id, call.get("type"), DEFAULT_THRESHOLD if threshold is None else threshold, call.now())
    call.write(lambda db: db.execute("INSERT INTO alerts VALUES (?, ?, ?, ?)", row))
    # the service answers only "created"; the id is added so that the alert can be found again
    return success({"alert": "created", "alert_id": alert_id})


def get(call: Call) -> Any:
    return success(_fields(call.write(lambda db: _one(db, call.get("alert_id")))))


def update(call: Call) -> Any:
    threshold = _threshold(call)

    def work(db: sqlite3.Connection) -> None:
        alert_id = _one(db, call.get("alert_id"))[0]
        if threshold is not None:
            db.execute("UPDATE alerts SET threshold = ? WHERE alert_id = ?", (threshold, alert_id))

    call.write(work)
    return success({"alert": "updated"})


def delete(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> None:
        alert_id = _one(db, call.get("alert_id"))[0]
        db.execute("DELETE FROM alerts WHERE alert_id = ?", (alert_id,))

    call.write(work)
    return success({"alert": "deleted"})


HANDLERS: dict[str, Handler] = {
    "v4_alerts_get": list_alerts,
    "v4_alerts_post": create,
    "v4_alerts_alert_id_get": get,
    "v4_alerts_alert_id_patch": update,
    "v4_alerts_alert_id_delete": delete,
}
