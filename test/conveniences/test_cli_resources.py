"""``smtp channels``, ``smtp callbacks list|create|delete|log``, ``smtp stats`` and ``smtp report``.

Each command runs as ``python -m smtp`` in a subprocess against a sandbox started here (every
subprocess bounded by a timeout); what the service's text may contain is checked in-process
against the recording server.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import urllib.request

import pytest

import smtp
from smtp.callbacks import callback_url
from smtp.cli import main

TIMEOUT = 60
KEY = "right-key"


@pytest.fixture(scope="module")
def sandbox():
    from smtp.sandbox import Sandbox

    with Sandbox(api_keys=(KEY,)) as box:
        yield box


@pytest.fixture
def box(sandbox):
    sandbox.reset()
    with smtp.Client(api_key=KEY, host=sandbox.url, channel="main") as client:
        for channel in client.channels():
            client.delete_channel(str(channel.name))
        for callback in client.callbacks():
            client.delete_callback(str(callback.event), channel=str(callback.channel))
    return sandbox


@pytest.fixture
def client(box):
    with smtp.Client(api_key=KEY, host=box.url, channel="main") as c:
        yield c


def smtp_cmd(box, *argv, key=KEY, stdin=None, cwd=None, extra_env=None):
    env = dict(os.environ, SMTPCOM_HOST=box.url, SMTPCOM_API_KEY=key, PYTHONIOENCODING="utf-8")
    env.pop("SMTPCOM_SMTP_PASSWORD", None)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "smtp", *argv],
        env=env,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        text=True,
        cwd=cwd,
    )


def ok(done):
    assert done.returncode == 0, done.stderr
    return done.stdout


# --------------------------------------------------------------------------------------
# channels
# --------------------------------------------------------------------------------------
def test_channels_create_list_show_delete(box, client):
    out = ok(
        smtp_cmd(box, "channels", "create", "main", "--quota", "100", "--smtp-password", "-", stdin="pw-Secret1\n")
    )
    assert "pw-Secret1" not in out and "quota          100" in out
    ok(
        smtp_cmd(
            box, "channels", "create", "news", "--quota", "5", "--smtp-username", "u-news",
            extra_env={"SMTPCOM_SMTP_PASSWORD": "env-Secret2"},
        )
    )  # fmt: skip
    table = ok(smtp_cmd(box, "channels", "list")).splitlines()
    assert table[0].split() == ["NAME", "STATUS", "QUOTA", "USAGE", "SMTP_USERNAME", "CREATED"]
    assert [line.split()[:3] for line in table[1:]] == [["main", "active", "100"], ["news", "active", "5"]]
    rows = list(csv.DictReader(io.StringIO(ok(smtp_cmd(box, "channels", "list", "--format", "csv")))))
    assert [(r["name"], r["smtp_username"]) for r in rows] == [("main", "main"), ("news", "u-news")]
    shown = json.loads(ok(smtp_cmd(box, "channels", "show", "news", "--format", "json")))
    assert (shown["name"], shown["quota"], shown["smtp_username"]) == ("news", 5, "u-news")
    assert json.loads(ok(smtp_cmd(box, "channels", "list", "--format", "json")))[0]["name"] == "main"
    ok(smtp_cmd(box, "channels", "delete", "news"))
    assert [c.name for c in client.channels()] == ["main"]


def test_channels_bad_arguments_and_failures(box):
    assert smtp_cmd(box, "channels").returncode == 2
    assert smtp_cmd(box, "channels", "create", "x").returncode == 2  # no --quota
    assert smtp_cmd(box, "channels", "create", "x", "--quota", "many").returncode == 2
    assert smtp_cmd(box, "channels", "create", "x", "--quota", "0").returncode == 2  # found before sending
    assert smtp_cmd(box, "channels", "list", "--format", "xml").returncode == 2
    denied = smtp_cmd(box, "channels", "list", key="wrong-key")
    assert denied.returncode == 1 and "401" in denied.stderr and "Traceback" not in denied.stderr
    missing = smtp_cmd(box, "channels", "show", "nope")
    assert missing.returncode == 1 and "404" in missing.stderr


# --------------------------------------------------------------------------------------
# callbacks
# --------------------------------------------------------------------------------------
def test_callbacks_create_list_log_delete(box, client):
    client.create_channel("main", 100)
    url = callback_url("https://hooks.example.com/smtp", "the-shared-secret-1234")
    out = ok(smtp_cmd(box, "callbacks", "create", "delivered", "--channel", "main", "--url", url))
    assert "the-shared-secret-1234" not in out
    ok(smtp_cmd(box, "callbacks", "create", "failed", "--channel", "main", "--url", "https://hooks.example.com/f"))
    listed = ok(smtp_cmd(box, "callbacks", "list"))
    assert "the-shared-secret-1234" not in listed and "***" in listed
    assert [line.split()[:3] for line in listed.splitlines()[1:]] == [
        ["main", "delivered", "http"],
        ["main", "failed", "http"],
    ]
    as_json = json.loads(ok(smtp_cmd(box, "callbacks", "list", "--channel", "main", "--format", "json")))
    assert {c["event"] for c in as_json} == {"delivered", "failed"}
    assert all("the-shared-secret-1234" not in c["address"] for c in as_json)
    log = list(csv.reader(io.StringIO(ok(smtp_cmd(box, "callbacks", "log", "--channel", "main", "--format", "csv")))))
    assert log[0] == ["time", "code", "msg"]
    ok(smtp_cmd(box, "callbacks", "delete", "failed", "--channel", "main"))
    assert [c.event for c in client.callbacks()] == ["delivered"]


def test_callbacks_bad_arguments_and_failures(box):
    assert smtp_cmd(box, "callbacks").returncode == 2
    assert smtp_cmd(box, "callbacks", "create", "delivered", "--channel", "main").returncode == 2  # no --url
    assert smtp_cmd(box, "callbacks", "create", "nonsense", "--channel", "m", "--url", "http://x/").returncode == 2
    assert smtp_cmd(box, "callbacks", "log").returncode == 2  # no --channel
    denied = smtp_cmd(box, "callbacks", "list", key="wrong-key")
    assert denied.returncode == 1 and "401" in denied.stderr


# --------------------------------------------------------------------------------------
# stats
# --------------------------------------------------------------------------------------
def test_stats_table_json_csv(box, client):
    client.create_channel("main", 100)
    client.send(sender="shop@example.com", to=["a@example.com", "b@gmail.com"], subject="s", text="t")
    table = ok(smtp_cmd(box, "stats", "--specifier", "main", "--duration", "last_24hrs")).splitlines()
    assert table[0].split()[:3] == ["RCPT_DOMAIN", "ACCEPTED", "DELIVERED"]
    assert [line.split()[:2] for line in table[1:]] == [["example.com", "1"], ["gmail.com", "1"]]
    groups = json.loads(
        ok(
            smtp_cmd(
                box, "stats", "--specifier", "main", "--group-by", "rcpt_isp", "--event", "accepted", "--format", "json"
            )
        )
    )
    assert groups == [{"rcpt_isp": "example.com", "accepted": 1}, {"rcpt_isp": "google", "accepted": 1}]
    rows = list(csv.DictReader(io.StringIO(ok(smtp_cmd(box, "stats", "--specifier", "main", "--format", "csv",
                                                       "--limit", "1", "--offset", "1")))))  # fmt: skip
    assert [(r["rcpt_domain"], r["accepted"]) for r in rows] == [("gmail.com", "1")]


def test_stats_bad_arguments_and_failures(box):
    assert smtp_cmd(box, "stats").returncode == 2  # no --specifier
    assert smtp_cmd(box, "stats", "--specifier", "m", "--duration", "forever").returncode == 2
    assert smtp_cmd(box, "stats", "--specifier", "m", "--start", "not a time").returncode == 2
    assert smtp_cmd(box, "stats", "--specifier", "m", "--limit", "0").returncode == 2
    denied = smtp_cmd(box, "stats", "--specifier", "main", key="wrong-key")
    assert denied.returncode == 1 and "401" in denied.stderr


# --------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------
def test_report_saves_what_the_sandbox_built(box, client, tmp_path):
    client.send(sender="shop@example.com", to=["a@example.com", "b@example.org"], subject="=1+1", text="t")
    out = ok(smtp_cmd(box, "report", "--start", "1h", "--poll", "0.1", "--output", str(tmp_path / "r.csv")))
    assert out.startswith(str(tmp_path / "r.csv")) and not (tmp_path / "r.csv.part").exists()
    (listed,) = client.reports_api.v4_reports_get().data.ondemand
    request = urllib.request.Request(str(listed.url), headers={"X-SMTPCOM-API": KEY})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
        built = reply.read()
    assert (tmp_path / "r.csv").read_bytes() == built and built.count(b"\r\n") == 3
    # the default name comes from the report's; only the chosen columns and events
    done = smtp_cmd(box, "report", "--start", "1h", "--column", "to", "--event", "delivered", "--poll", "0.1",
                    cwd=tmp_path)  # fmt: skip
    (saved,) = [p for p in tmp_path.iterdir() if p.name != "r.csv"]
    assert ok(done).startswith(saved.name) and saved.suffix == ".csv" and "delivered" in saved.name
    assert saved.read_bytes().split(b"\r\n")[0] == b"to"
    assert done.stderr == ""  # no progress line when standard error is not a terminal


def test_report_bad_arguments_and_failures(box, tmp_path):
    assert smtp_cmd(box, "report", "--event", "everything").returncode == 2
    assert smtp_cmd(box, "report", "--timeout", "0").returncode == 2
    assert smtp_cmd(box, "report", "--start", "yesterday-ish").returncode == 2
    unwritable = smtp_cmd(box, "report", "--start", "1h", "--poll", "0.1", "--output", str(tmp_path / "no" / "r.csv"))
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr
    denied = smtp_cmd(box, "report", key="wrong-key")
    assert denied.returncode == 1 and "401" in denied.stderr


# --------------------------------------------------------------------------------------
# hostile text from the service (in-process, the recording server answers)
# --------------------------------------------------------------------------------------
def test_text_from_the_service_is_escaped(server, monkeypatch, capsys):
    monkeypatch.setenv("SMTPCOM_HOST", server.url)
    monkeypatch.setenv("SMTPCOM_API_KEY", "cli-key")
    evil = "x\x1b[2J\r\ny"
    server.reply(200, {"status": "success", "data": {"items": [{"name": evil, "status": "active", "quota": 1}]}})
    out = io.StringIO()
    assert main(["channels", "list"], out=out) == 0
    assert "\x1b" not in out.getvalue() and "x\\x1b[2J\\r\\ny" in out.getvalue()
    server.reply(200, {"status": "success", "data": {"items": [{"code": 500, "msg": evil, "time": "t"}]}})
    out = io.StringIO()
    assert main(["callbacks", "log", "--channel", "main", "--format", "csv"], out=out) == 0
    assert "\x1b" not in out.getvalue()
    server.reply(403, {"status": "fail", "data": {"message": evil}})
    assert main(["channels", "show", "main"], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\r" not in err and err.count("\n") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_report_shows_progress_on_a_terminal(box, client, tmp_path):
    import pty

    client.send(sender="shop@example.com", to="a@example.com", subject="s", text="t")
    controller, terminal = pty.openpty()
    try:
        env = dict(os.environ, SMTPCOM_HOST=box.url, SMTPCOM_API_KEY=KEY, PYTHONIOENCODING="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "smtp", "report", "--start", "1h", "--poll", "0.1", "-o", str(tmp_path / "r.csv")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=TIMEOUT,
            text=True,
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while True:  # bounded: the writer has exited, so the terminal ends
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if terminal >= 0:
            os.close(terminal)
        os.close(controller)
    assert done.returncode == 0 and done.stdout.startswith(str(tmp_path / "r.csv"))
    assert b"done 100%" in shown and b"bytes" in shown and shown.endswith(b"\r\n")
