"""Reports: on-demand reports built from the stored message items as CSV (the requested events
and columns), listed with their progress and fetched by id with a download link the sandbox
serves; periodic report definitions (create, update, delete), which the sandbox keeps but
never runs.

An on-demand report is built while the request is answered, so it is listed ``done`` at
100% at once. Its CSV is served at ``/sandbox/reports/{report_id}.csv`` (plain CSV; the
service links a ZIP archive).
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
import uuid
from collections.abc import Callable
from typing import Any

from smtp.operations.reports import REPORT_COLUMNS
from smtp.sandbox.errors import Reject
from smtp.sandbox.events import format_time
from smtp.sandbox.resources._common import Call, Handler, Reply, bad, from_json, missing, success, to_json
from smtp.sandbox.resources._items import StoredItem, stored_items
from smtp.sandbox.resources.channels import channel_problem
from smtp.sandbox.store import Store

__all__ = ["HANDLERS", "download"]

# which items each event filter of a report selects
_SELECTS: dict[str, Callable[[StoredItem], bool]] = {
    "delivered": lambda it: it.state == "delivered",
    "failed": lambda it: it.state == "failed",
    "hard_bounced": lambda it: it.hard_bounced,
    "sent": lambda it: it.state in ("delivered", "failed"),
    "pending": lambda it: it.state == "accepted",
    "total": lambda it: True,
    "abuse": lambda it: it.count("complaints") > 0,
}


def _cell(text: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (the values come from emails)."""
    value = "" if text is None else str(text)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _columns(item: StoredItem, now: float) -> dict[str, Any]:
    data, delivery = item.item.get("msg_data", {}), item.delivery
    return {
        "message_id": item.item.get("msg_id"),
        "from": data.get("from"),
        "to": data.get("rcpt_to"),
        "time_rcv": format_time(item.item.get("msg_time", item.event_time)),
        "time_snt": delivery.get("finished", ""),
        "channel": item.item.get("channel"),
        "status": delivery.get("event"),
        "code": delivery.get("code"),
        "message": delivery.get("status"),
        "tries": int(delivery.get("retries", 0)) + (0 if item.state == "accepted" else 1),
        "report_time": format_time(now),
        "subject": data.get("subject"),
    }


def build_csv(store: Store, params: dict[str, Any], now: float) -> bytes:
    """The CSV of an on-demand report: a header line, then one line per selected item."""
    columns = list(params.get("columns") or REPORT_COLUMNS)
    selects = [_SELECTS[e] for e in params.get("events") or ("total",)]
    domain, rcpt_domain = params.get("domain"), params.get("rcpt_domain")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for item in stored_items(store, params["start"], params["end"], params.get("channel")):
        if not any(select(item) for select in selects):
            continue
        if domain and item.slice_value("domain") != domain.lower():
            continue
        if rcpt_domain and item.slice_value("rcpt_domain") != rcpt_domain.lower():
            continue
        values = _columns(item, now)
        writer.writerow([_cell(values[c]) for c in columns])
    return out.getvalue().encode("utf-8")


def _hour_text(seconds: float) -> str:
    return time.strftime("%Y-%m-%d(%H)", time.gmtime(seconds))


def _events_text(events: Any) -> str:
    return "+".join(events) if events else "total"


def _ondemand_fields(call_base: str, row: Any) -> dict[str, Any]:
    report_id, params, name, time_req = row[0], from_json(row[1]), row[2], row[3]
    return {
        "status": "done",
        "name": name,
        "url": f"{call_base}/sandbox/reports/{report_id}.csv",
        "time_req": time_req,
        "progress": 100,
        "channel": params.get("channel") or "-",
        "report_id": report_id,
    }


def _periodic_fields(row: Any) -> dict[str, Any]:
    report_id, params = row[0], from_json(row[1])
    return {
        "frequency": params["frequency"],
        "report_id": report_id,
        "events": _events_text(params.get("events")),
        "channel": params.get("channel") or "-",
        "report_time": str(params["report_time"]),
    }


def _channel_check(call: Call) -> None:
    channel = call.get("channel")
    problem = channel_problem(call.store, channel, call.channels) if channel is not None else None
    if problem:
        raise bad("channel", problem)


def list_reports(call: Call) -> Any:
    rows = call.store.query("SELECT report_id, params, name, time_req, kind FROM reports ORDER BY time_req, rowid")
    return success(
        {
            "periodic": [_periodic_fields(row) for row in rows if row[4] == "periodic"],
            "ondemand": [_ondemand_fields(call.base_url, row) for row in rows if row[4] == "ondemand"],
        }
    )


def ondemand(call: Call) -> Any:
    now = call.now()
    start = call.get("start")
    end = int(call.get("end")) if call.get("end") is not None else now
    if end < start:
        raise bad("end", "is before start")
    _channel_check(call)
    params = {
        "start": start,
        "end": end,
        "type": call.get("type", "csv"),
        **{name: call.get(name) for name in ("channel", "domain", "rcpt_domain")},
        "events": list(call.get("events") or ()),
        "columns": list(call.get("columns") or ()),
    }
    report_id = uuid.uuid4().hex
    name = f"{_hour_text(start)}_{_hour_text(end)} ({' + '.join(params['events'] or ['total'])})"
    data = build_csv(call.store, params, now)
    row = (report_id, "ondemand", to_json(params), name, now, data)
    call.write(lambda db: db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?)", row))
    # the service answers only "success"; the id is added so that the report can be fetched
    return success({"report": "created", "report_id": report_id})


_PERIODIC = ("channel", "notify_method", "notify_dest", "domain", "rcpt_domain")


def periodic(call: Call) -> Any:
    _channel_check(call)
    params = {
        "frequency": call.get("frequency"),
        "report_time": call.get("report_time"),
        **{name: call.get(name) for name in _PERIODIC},
        "events": list(call.get("events") or ()),
        "columns": list(call.get("columns") or ()),
    }
    report_id = uuid.uuid4().hex
    name = f"{params['frequency']} at {params['report_time']:02d}:00 ({_events_text(params['events'])})"
    row = (report_id, "periodic", to_json(params), name, call.now(), None)
    call.write(lambda db: db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?)", row))
    return success({"report": "created", "report_id": report_id})


def _periodic_row(db: sqlite3.Connection, report_id: str) -> Any:
    row = db.execute(
        "SELECT report_id, params FROM reports WHERE report_id = ? AND kind = 'periodic'", (report_id,)
    ).fetchone()
    if row is None:
        raise missing("report_id", f"periodic report {report_id[:60]!r}")
    return row


def update_periodic(call: Call) -> Any:
    _channel_check(call)

    def work(db: sqlite3.Connection) -> None:
        report_id, params = _periodic_row(db, call.get("report_id"))
        params = from_json(params)
        params.update(frequency=call.get("frequency"), report_time=call.get("report_time"))
        if "channel" in call.values:
            params["channel"] = call.get("channel")
        if "events" in call.values:
            params["events"] = list(call.get("events"))
        db.execute("UPDATE reports SET params = ? WHERE report_id = ?", (to_json(params), report_id))

    call.write(work)
    return success({"report": "updated"})


def delete_periodic(call: Call) -> Any:
    def work(db: sqlite3.Connection) -> None:
        report_id = _periodic_row(db, call.get("report_id"))[0]
        db.execute("DELETE FROM reports WHERE report_id = ?", (report_id,))

    call.write(work)
    return success({"report": "deleted"})


def get(call: Call) -> Any:
    report_id = call.get("report_id")
    rows = call.store.query(
        "SELECT report_id, params, name, time_req, kind FROM reports WHERE report_id = ?", (report_id,)
    )
    if not rows:
        raise missing("report_id", f"report {report_id[:60]!r}")
    row = rows[0]
    fields: dict[str, Any]
    if row[4] == "ondemand":
        fields = {"frequency": None, "events": _events_text(from_json(row[1]).get("events")), "report_time": None}
        fields.update(_ondemand_fields(call.base_url, row))
    else:
        fields = {"status": "pending", "name": row[2], "url": None, "time_req": row[3], "progress": 0}
        fields.update(_periodic_fields(row))
    # the generated ``Report`` model reads the fields at the top level; the service's other
    # replies put them under ``data``: both are sent
    return {**fields, "data": fields}


def download(store: Store, name: str) -> Reply:
    """``GET /sandbox/reports/{report_id}.csv``: the CSV of an on-demand report."""
    report_id = name[:-4] if name.endswith(".csv") else name
    rows = store.query("SELECT csv FROM reports WHERE report_id = ? AND kind = 'ondemand'", (report_id,))
    if not rows:
        raise Reject(404, {"report_id": f"no on-demand report {report_id[:60]!r}"})
    disposition = f'attachment; filename="{report_id}.csv"'
    return 200, "text/csv; charset=utf-8", bytes(rows[0][0]), {"Content-Disposition": disposition}


HANDLERS: dict[str, Handler] = {
    "v4_reports_get": list_reports,
    "v4_reports_ondemand_post": ondemand,
    "v4_reports_periodic_post": periodic,
    "v4_reports_periodic_report_id_patch": update_periodic,
    "v4_reports_periodic_report_id_delete": delete_periodic,
    "v4_reports_report_id_get": get,
}
