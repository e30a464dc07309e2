"""Every resource survives a restart of a sandbox that keeps its store in a file (``--db``)."""

from __future__ import annotations

import selectors
import signal
import subprocess
import sys
from pathlib import Path

from support.resource_http import Raw, fake_pem

from smtp.sandbox import Sandbox

READY = "smtp sandbox listening on "
TIMEOUT = 20.0


def populate(raw: Raw) -> dict[str, str]:
    """Create one of every resource; returns the ids the service made up."""
    raw.ok("POST", "/v4/channels/", {"name": "main", "smtp_username": "u", "smtp_password": "p", "quota": 9})
    key = raw.ok("POST", "/v4/api_keys/", {"name": "kept"})["key"]
    raw.ok("PATCH", "/v4/account/contact", {"company_name": "ACME", "address.city": "Springfield"})
    raw.ok("POST", "/v4/domains/", {"domain_name": "example.com"})
    raw.ok("POST", "/v4/domains/example.com/dkim_keys", {"selector": "s1", "private_key": fake_pem()})
    alert_id = raw.ok("POST", "/v4/alerts/", {"type": "monthly_quota", "threshold": "0.75"})["data"]["alert_id"]
    raw.ok("POST", "/v4/callbacks/failed", {"channel": "main", "medium": "http", "address": "http://hooks.test/"})
    assert raw.send("main", "bounce@simulator.test")[0] == 200
    report_id = raw.ok("POST", "/v4/reports/ondemand", {"start": 0, "columns": "to"})["data"]["report_id"]
    periodic_id = raw.ok("POST", "/v4/reports/periodic", {"frequency": "daily", "report_time": 3})["data"]["report_id"]
    return {"key": key, "alert_id": alert_id, "report_id": report_id, "periodic_id": periodic_id}


def check(raw: Raw, ids: dict[str, str]) -> None:
    assert raw.ok("GET", "/v4/channels/main")["data"]["quota"] == 9
    assert raw.ok("GET", "/v4/channels/main")["data"]["usage"] == 1
    assert raw.ok("GET", f"/v4/api_keys/{ids['key']}")["data"]["name"] == "kept"
    account = raw.ok("GET", "/v4/account/")["data"]
    assert account["company_name"] == "ACME" and account["address"]["city"] == "Springfield"
    assert raw.ok("GET", "/v4/domains/example.com/dkim_keys")["data"]["selector"] == "s1"
    assert raw.ok("GET", f"/v4/alerts/{ids['alert_id']}")["data"]["threshold"] == "0.75"
    assert raw.ok("GET", "/v4/callbacks/failed", {"channel": "main"})["data"]["address"] == "http://hooks.test/"
    report = raw.ok("GET", f"/v4/reports/{ids['report_id']}")
    path = report["url"].split("/", 3)[3]
    assert raw.request("GET", "/" + path)[1] == b"to\r\nbounce@simulator.test\r\n"
    assert raw.ok("GET", f"/v4/reports/{ids['periodic_id']}")["frequency"] == "daily"
    assert raw.send("other")[0] == 400  # the channel rule holds after the restart too


def test_resources_survive_a_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "sandbox.db")
    with Sandbox(db=db) as sandbox:
        ids = populate(Raw(sandbox.url))
    with Sandbox(db=db) as sandbox:
        check(Raw(sandbox.url), ids)


def _start(db: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "smtp.sandbox", "--port", "0", "--quiet", "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        ready = selector.select(TIMEOUT)
    line = proc.stdout.readline().strip() if ready else ""
    if not line.startswith(READY):
        proc.kill()
        proc.wait(TIMEOUT)
        raise AssertionError(f"the sandbox did not start: {line!r}")
    return proc, line[len(READY) :]


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        assert proc.wait(TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(TIMEOUT)


def test_resources_survive_a_process_restart_with_db(tmp_path: Path) -> None:
    db = str(tmp_path / "process.db")
    proc, url = _start(db)
    try:
        ids = populate(Raw(url))
    finally:
        _stop(proc)
    proc, url = _start(db)
    try:
        check(Raw(url), ids)
    finally:
        _stop(proc)
