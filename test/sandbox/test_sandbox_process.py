"""The sandbox as a process and under load: ``python -m smtp.sandbox`` with ``--db`` keeps
messages across a restart and stops cleanly on SIGTERM; concurrent clients lose nothing;
``python -m smtp.demo`` runs. Every subprocess and every loop is bounded in time."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from support.payloads import make_message, make_mime
from support.sandbox import KEY, Raw, sdk_api

import smtp
from smtp.sandbox import Sandbox

TIMEOUT = 20.0
READY = "smtp sandbox listening on "


class SandboxProcess:
    """``python -m smtp.sandbox`` in a subprocess, started on a free port."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "smtp.sandbox", "--port", "0", "--quiet", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.rest = ""  # what came after the ready line in the same read
        self.line = self._read_line()
        assert self.line.startswith(READY), self.line
        self.url = self.line[len(READY) :]

    def _read_line(self) -> str:
        """The first stdout line, waiting at most ``TIMEOUT`` seconds."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + TIMEOUT
        data = b""
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            while b"\n" not in data:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    self.kill()
                    pytest.fail(f"no ready line within {TIMEOUT}s; got {data!r}")
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    self.kill()
                    pytest.fail(f"the sandbox exited before it was ready: {data!r} {self.proc.stderr.read()!r}")  # type: ignore[union-attr]
                data += chunk
        first, _, self.rest = data.decode().partition("\n")
        return first

    def terminate(self) -> tuple[int, str, str]:
        """SIGTERM, then the exit code and what was printed (bounded wait)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            out, err = self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail("the sandbox did not stop within the timeout after SIGTERM")
        return self.proc.returncode, self.rest + out.decode(), err.decode()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=TIMEOUT)


@pytest.fixture
def processes() -> Iterator[list[SandboxProcess]]:
    started: list[SandboxProcess] = []
    yield started
    for process in started:
        process.kill()


def test_the_command_prints_its_addresses_and_stops_cleanly_on_sigterm(processes):
    process = SandboxProcess("--api-key", KEY, "--channel", "main")
    processes.append(process)
    assert process.url.startswith("http://127.0.0.1:")
    reply = sdk_api(process.url).v4_messages_post(make_message())
    assert reply.status == "success"
    with pytest.raises(smtp.BadRequestException) as caught:
        sdk_api(process.url).v4_messages_post(make_message(channel="unknown"))
    assert "channel" in caught.value.errors
    code, out, err = process.terminate()
    assert code == 0, err
    assert out == f"web inbox: {process.url}/\n"  # after the ready line, only the inbox's address
    assert "Traceback" not in err
    assert "stopped" in err


def test_messages_survive_a_restart_with_db(tmp_path, processes):
    db = str(tmp_path / "sandbox.sqlite3")
    first = SandboxProcess("--db", db, "--api-key", KEY)
    processes.append(first)
    api = sdk_api(first.url)
    json_id = api.v4_messages_post(make_message(subject="Kept")).data.msg_id
    mime_id = api.v4_messages_mime_post(make_mime()).data.msg_id
    eml = Raw(first.url).get(f"/sandbox/messages/{json_id}.eml").data
    assert first.terminate()[0] == 0

    second = SandboxProcess("--db", db, "--api-key", KEY)
    processes.append(second)
    page = sdk_api(second.url).v4_messages_get(start=0, limit=10, offset=0, channel="main")
    assert [item.msg_id for item in page.data.items] == [json_id, mime_id]
    assert page.data.items[0].msg_data.subject == "Kept"
    client = Raw(second.url)
    assert client.get(f"/sandbox/messages/{json_id}.eml").data == eml
    assert [m["msg_id"] for m in client.get("/sandbox/messages").json["data"]["messages"]] == [json_id, mime_id]
    assert second.terminate()[0] == 0


def test_a_port_in_use_is_a_clear_error():
    with Sandbox() as busy:
        done = subprocess.run(
            [sys.executable, "-m", "smtp.sandbox", "--port", str(busy.port)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "cannot listen" in done.stderr and "Traceback" not in done.stderr


def test_the_command_line_options():
    from smtp.sandbox.__main__ import build_arg_parser

    args = build_arg_parser().parse_args(["--api-key", "a", "--api-key", "b", "--channel", "x", "--db", "f.db"])
    assert (args.host, args.port, args.db, args.api_keys, args.channels, args.quiet) == (
        "127.0.0.1",
        8025,
        "f.db",
        ["a", "b"],
        ["x"],
        False,
    )


def _post_until(url: str, deadline: float, limit: int, sent: list[str], failures: list[BaseException]) -> None:
    api = sdk_api(url)
    try:
        for _ in range(limit):
            if time.monotonic() >= deadline:
                break
            sent.append(api.v4_messages_post(make_message()).data.msg_id)
    except BaseException as error:  # noqa: BLE001 - reported by the test
        failures.append(error)
    finally:
        api.api_client.close()


def _hammer(urls: list[str], threads: int, seconds: float, per_thread: int) -> list[str]:
    """``threads`` clients (spread over ``urls``) posting for ``seconds``; the msg_ids sent."""
    sent: list[str] = []
    failures: list[BaseException] = []
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(target=_post_until, args=(urls[i % len(urls)], deadline, per_thread, sent, failures))
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + TIMEOUT)
    assert not any(worker.is_alive() for worker in workers)
    assert not failures, failures[:3]
    return sent


def test_eight_concurrent_clients_lose_nothing(tmp_path):
    with Sandbox(db=str(tmp_path / "load.sqlite3"), api_keys=(KEY,)) as sb:
        sent = _hammer([sb.url], threads=8, seconds=2.0, per_thread=2000)
        stored = [m.msg_id for m in sb.messages()]
        page_ids = set()
        for offset in range(0, len(sent), 1000):
            page = sdk_api(sb.url).v4_messages_get(start=0, limit=1000, offset=offset, channel="main")
            page_ids.update(item.msg_id for item in page.data.items)
    assert len(sent) > 8
    assert len(stored) == len(sent)
    assert set(stored) == set(sent) == page_ids


def test_two_sandboxes_writing_one_database_lose_nothing(tmp_path):
    db = str(tmp_path / "shared.sqlite3")
    with Sandbox(db=db, api_keys=(KEY,)) as one, Sandbox(db=db, api_keys=(KEY,)) as two:
        sent = _hammer([one.url, two.url], threads=4, seconds=1.0, per_thread=1000)
        assert sorted(m.msg_id for m in one.messages()) == sorted(m.msg_id for m in two.messages()) == sorted(sent)


def test_the_demo_runs():
    done = subprocess.run([sys.executable, "-m", "smtp.demo"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    import re

    ids = re.findall(r"msg_id ([0-9a-f]{32})", done.stdout)
    assert len(ids) == 2, done.stdout
    assert "v4_messages_get" in done.stdout
    for word in ("delivered", "failed", "550", "click", "complaint", "multipart/alternative"):
        assert word in done.stdout, word


def test_the_demo_main_in_process(capsys):
    from smtp import demo

    assert demo.main([]) == 0
    out = capsys.readouterr().out
    assert out.count("msg_id ") == 2
