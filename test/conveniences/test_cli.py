"""The ``smtp`` command.

The first part calls ``smtp.cli.main`` in-process against the recording server (output
formats, errors, exit codes); the second runs ``python -m smtp`` as a subprocess against a
sandbox started here, once per command, with every subprocess bounded by a timeout.
"""

from __future__ import annotations

import csv
import io
import json
import os
import queue
import subprocess
import sys
import threading

import pytest

from smtp.cli import main

TIMEOUT = 60
DAY = 1795132800  # 2026-11-20 00:00:00 UTC
SEND = ["send", "--channel", "main", "--from", "Shop <shop@example.com>", "--to", "jane@example.com"]


@pytest.fixture
def cli_env(monkeypatch, server):
    monkeypatch.setenv("SMTPCOM_HOST", server.url)
    monkeypatch.setenv("SMTPCOM_API_KEY", "cli-key")
    return server


def run_main(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def items_page(n):
    items = [
        {
            "msg_id": f"m{i}",
            "msg_time": DAY + i,
            "channel": "main",
            "msg_data": {"rcpt_to": f"r{i}@example.com", "from": "shop@example.com", "subject": f"Line\nbreak {i}"},
            "details": {"delivery": {"event": "delivered", "code": "250", "status": "ok"}},
            "opens": {"items": [{"open_time": "x"}]},
        }
        for i in range(n)
    ]
    return {"status": "success", "data": {"items": items}}


# --------------------------------------------------------------------------------------
# in-process
# --------------------------------------------------------------------------------------
def test_send_builds_the_message_from_options(cli_env, tmp_path):
    (tmp_path / "body.txt").write_text("Grüße", encoding="utf-8")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    code, out = run_main(
        *SEND,
        "--cc", "Cc <cc@example.com>", "--subject", "Hi", "--text-file", str(tmp_path / "body.txt"),
        "--html", "<p>x</p>", "--attach", str(tmp_path / "a.pdf"), "--inline", str(tmp_path / "a.pdf"),
        "--header", "X-Tag: one", "--header", "X-Tag: two",
    )  # fmt: skip
    assert (code, out) == (0, "test-msg-id\n")
    sent = cli_env.last.json
    assert cli_env.last.header("X-SMTPCOM-API") == "cli-key"
    assert sent["recipients"]["cc"] == [{"name": "Cc", "address": "cc@example.com"}]
    assert [p["content"] for p in sent["body"]["parts"]] == ["Grüße", "<p>x</p>"]
    assert [(a["filename"], a["type"], a["disposition"]) for a in sent["body"]["attachments"]] == [
        ("a.pdf", "application/pdf", "attachment"),
        ("a.pdf", "application/pdf", "inline"),
    ]
    assert sent["custom_headers"] == {"X-Tag": ["one", "two"]}


@pytest.mark.parametrize(
    "argv, message",
    [
        (["send", "--channel", "main", "--from", "a@example.com"], "at least one recipient"),
        (["send", "--channel", "main", "--to", "a@example.com"], "--from"),
        (SEND + ["--attach", "/no/such/file.pdf"], "cannot read /no/such/file.pdf"),
        (SEND + ["--header", "no colon"], "Name: value"),
        (["send", "--channel", "main", "--from", "a@example.com", "--to", "not an address"], "not a valid address"),
        (["messages", "--channel", "main", "--since", "yesterday"], "YYYY-MM-DD"),
        (["messages", "--channel", "main", "--page-size", "0"], "page_size"),
    ],
)
def test_usage_errors_exit_2_before_sending(cli_env, capsys, argv, message):
    code, out = run_main(*argv)
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert cli_env.requests == []


def test_argparse_errors_exit_2(cli_env, capsys):
    assert run_main(*SEND, "--bogus")[0] == 2
    assert "unrecognized arguments" in capsys.readouterr().err
    assert run_main()[0] == 2
    assert "COMMAND" in capsys.readouterr().err
    assert run_main("--version")[0] == 0


def test_missing_api_key_exits_2(cli_env, monkeypatch, capsys):
    monkeypatch.delenv("SMTPCOM_API_KEY")
    assert run_main(*SEND)[0] == 2
    assert "--api-key" in capsys.readouterr().err
    assert run_main("--api-key", "k", *SEND)[0] == 0
    assert run_main(*SEND, "--api-key", "k2")[0] == 0
    assert cli_env.last.header("X-SMTPCOM-API") == "k2"


def test_api_errors_exit_1_with_the_service_message(cli_env, capsys):
    cli_env.reply(401, {"status": "fail", "data": {"api_key": "invalid"}})
    assert run_main(*SEND)[0] == 1
    assert capsys.readouterr().err == "smtp: HTTP 401 Unauthorized: api_key: invalid\n"
    cli_env.reply(400, {"status": "fail", "data": {"errors": {"channel": "unknown channel"}}})
    assert run_main(*SEND)[0] == 1
    assert "channel: unknown channel" in capsys.readouterr().err
    cli_env.reply(503, raw=b"<html>down</html>", headers={"Content-Type": "text/html"})
    assert run_main(*SEND)[0] == 1
    assert "HTTP 503" in capsys.readouterr().err


def test_messages_formats(cli_env):
    cli_env.reply(200, items_page(2))
    code, out = run_main(
        "messages", "--channel", "main", "--since", "2026-11-20", "--format", "json", "--event", "delivered"
    )
    assert code == 0
    parsed = json.loads(out)
    assert [i["msg_id"] for i in parsed] == ["m0", "m1"]
    assert parsed[0]["msg_data"]["from"] == "shop@example.com"
    assert cli_env.last.query["event"] == ["delivered"] and cli_env.last.query["start"] == [str(DAY)]

    cli_env.reply(200, items_page(2))
    code, out = run_main("messages", "--channel", "main", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["time"], r["rcpt_to"], r["event"], r["opens"], r["from"]) for r in rows] == [
        ("2026-11-20 00:00:00", "r0@example.com", "delivered", "1", "shop@example.com"),
        ("2026-11-20 00:00:01", "r1@example.com", "delivered", "1", "shop@example.com"),
    ]

    cli_env.reply(200, items_page(2))
    code, out = run_main("messages", "--channel", "main")
    lines = out.splitlines()
    assert lines[0].split() == ["TIME", "(UTC)", "EVENT", "TO", "SUBJECT", "MSG_ID"]
    assert lines[1].split() == ["2026-11-20", "00:00:00", "delivered", "r0@example.com", "Line", "break", "0", "m0"]

    cli_env.reply(200, items_page(0))
    assert run_main("messages", "--channel", "main", "--format", "json") == (0, "[]\n")


# --------------------------------------------------------------------------------------
# subprocesses against a sandbox
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sandbox():
    from smtp.sandbox import Sandbox

    with Sandbox(api_keys=("right-key",)) as box:
        yield box


@pytest.fixture
def box(sandbox):
    sandbox.reset()
    return sandbox


def smtp_cmd(box, *argv, key="right-key", stdin=None, extra_env=None):
    env = dict(os.environ, SMTPCOM_HOST=box.url, SMTPCOM_API_KEY=key, PYTHONIOENCODING="utf-8")
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "smtp", *argv],
        env=env,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        text=isinstance(stdin, str) or stdin is None,
    )


def test_cli_send(box, tmp_path):
    (tmp_path / "page.html").write_text("<p>Grüße <img src='cid:logo.png'></p>", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG data")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 \x00\xff")
    done = smtp_cmd(
        box, "send", "--channel", "main", "--from", "Zoë <zoe@example.com>", "--to", "Jane <jane@example.com>",
        "--bcc", "boss@example.com",
        "--subject", "Grüße", "--text", "Hallo", "--html-file", str(tmp_path / "page.html"),
        "--attach", str(tmp_path / "report.pdf"), "--inline", str(tmp_path / "logo.png"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (stored,) = box.messages()
    assert done.stdout.strip() == stored.msg_id
    assert sorted(stored.recipients) == ["boss@example.com", "jane@example.com"]
    assert str(stored.message["Subject"]) == "Grüße"
    files = {p.get_filename(): p.get_payload(decode=True) for p in stored.message.walk() if p.get_filename()}
    assert files == {"report.pdf": b"%PDF-1.4 \x00\xff", "logo.png": b"\x89PNG data"}


def test_cli_send_mime_from_a_file_and_from_stdin(box, tmp_path):
    eml = (
        "From: =?utf-8?q?Zo=C3=AB?= <zoe@example.com>\r\n"
        "To: =?utf-8?q?J=C3=BCrgen?= <juergen@example.com>\r\n"
        "Bcc: hidden@example.com\r\n"
        "Subject: MIME\r\n\r\nbody\r\n"
    )
    path = tmp_path / "message.eml"
    path.write_bytes(eml.encode("ascii"))
    done = smtp_cmd(box, "send-mime", str(path), "--channel", "main")
    assert done.returncode == 0, done.stderr
    done = smtp_cmd(box, "send-mime", "-", "--channel", "main", "--to", "other@example.com", stdin=eml)
    assert done.returncode == 0, done.stderr
    first, second = box.messages()
    assert sorted(first.recipients) == ["hidden@example.com", "juergen@example.com"]
    assert first.mail_from == "zoe@example.com"
    assert first.message["Bcc"] is None and b"hidden@example.com" not in first.raw
    assert second.recipients == ["other@example.com"]


def test_cli_messages_pages_through_everything(box):
    for i in range(3):
        assert smtp_cmd(box, *SEND, "--to", f"r{i}@example.com", "--text", "x").returncode == 0
    done = smtp_cmd(box, "messages", "--channel", "main", "--since", "1h", "--format", "json", "--page-size", "2")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", "no progress line when stderr is not a terminal"
    rcpts = sorted(i["msg_data"]["rcpt_to"] for i in json.loads(done.stdout))
    assert rcpts == sorted(["jane@example.com"] * 3 + ["r0@example.com", "r1@example.com", "r2@example.com"])
    done = smtp_cmd(box, "messages", "--channel", "main", "--format", "csv")
    assert done.returncode == 0 and len(list(csv.DictReader(io.StringIO(done.stdout)))) == 6
    done = smtp_cmd(box, "messages", "--channel", "main")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 7


def test_cli_bad_arguments_exit_2_without_traceback(box, tmp_path):
    for argv in (
        ["send", "--channel", "main", "--nonsense"],
        ["send-mime", str(tmp_path / "missing.eml"), "--channel", "main"],
        ["send", "--channel", "main", "--from", "bad address", "--to", "jane@example.com"],
        ["messages", "--channel", "main", "--event", "opened"],
        ["frobnicate"],
    ):
        done = smtp_cmd(box, *argv)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stderr and "Traceback" not in done.stderr
    assert box.messages() == []


def test_cli_401_and_refused_connection_exit_1_without_traceback(box):
    done = smtp_cmd(box, *SEND, key="wrong-key")
    assert done.returncode == 1
    assert "401" in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("smtp: HTTP 401")
    assert "wrong-key" not in done.stderr
    done = smtp_cmd(box, "messages", "--channel", "main", key="wrong-key")
    assert done.returncode == 1 and "401" in done.stderr
    import socket

    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = smtp_cmd(box, *SEND, "--host", f"http://127.0.0.1:{port:d}")
    assert done.returncode == 1
    assert "could not connect" in done.stderr and "Traceback" not in done.stderr


def read_line(stream, seconds):
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    return lines.get(timeout=seconds)


def test_cli_sandbox_runs_the_sandbox(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "smtp", "sandbox", "--port", "0", "--api-key", "k1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = read_line(proc.stdout, TIMEOUT)
        assert line.startswith("smtp sandbox listening on http://127.0.0.1:"), line
        url = line.split()[-1]
        env = dict(os.environ, SMTPCOM_HOST=url, SMTPCOM_API_KEY="k1")
        done = subprocess.run(
            [sys.executable, "-m", "smtp", *SEND, "--text", "hi"],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, done.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)
    help_text = subprocess.run(
        [sys.executable, "-m", "smtp", "sandbox", "--help"], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert help_text.returncode == 0 and "--port" in help_text.stdout


def test_cli_demo_runs(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMTPCOM_")}
    done = subprocess.run(
        [sys.executable, "-m", "smtp", "demo"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_cli_messages_shows_progress_only_on_a_terminal(box):
    with __import__("smtp").Client(api_key="right-key", host=box.url, channel="main") as client:
        client.send("shop@example.com", [f"r{i}@example.com" for i in range(25)], "Progress", text="x")
    primary, secondary = os.openpty()
    try:
        env = dict(os.environ, SMTPCOM_HOST=box.url, SMTPCOM_API_KEY="right-key")
        argv = [sys.executable, "-m", "smtp", "messages", "--channel", "main", "--page-size", "10", "--format", "csv"]
        done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=secondary, timeout=TIMEOUT)
        os.close(secondary)
        secondary = -1
        shown = os.read(primary, 4096).decode()
    finally:
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 26, "the progress line never reaches standard output"
    assert "20 items fetched" in shown and "25 items" in shown
