"""``smtp callbacks listen``: run as a real process, posted to, its output read."""

from __future__ import annotations

import base64
import io
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import IO

import pytest
from callbacks_support import post

from smtp.cli import main

SECRET = "listen-secret-0123456789"


class Listener:
    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("SMTPCOM_CALLBACK_SECRET", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smtp", "callbacks", "listen", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, lines), daemon=True).start()
        first = self.err.get(timeout=30)
        assert first.startswith("listening on "), first
        self.url = first.split()[-1]

    @staticmethod
    def _pump(stream: IO[str] | None, lines: queue.Queue[str]) -> None:
        assert stream is not None
        for line in stream:
            lines.put(line.rstrip("\n"))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
            raise


@pytest.fixture
def listener_factory() -> Iterator[type[Listener]]:
    started: list[Listener] = []

    class Tracked(Listener):
        def __init__(self, *args: str) -> None:
            super().__init__(*args)
            started.append(self)

    yield Tracked
    for listener in started:
        if listener.process.poll() is None:
            listener.process.kill()
            listener.process.wait(timeout=30)


EVENT = {
    "id": "ev-1",
    "event_label": "bounce",
    "rcpt_to": "jane@example.com",
    "subject": "Hi\x1b[31m red\nnext",
    "time_finished": 1764000000,
    "orderID": "A-17",
}


def test_listen_prints_events_as_json_lines(listener_factory: type[Listener]) -> None:
    listener = listener_factory("--format", "json")
    assert post(listener.url, json.dumps([EVENT]).encode()).status == 200
    line = listener.out.get(timeout=30)
    assert "\x1b" not in line
    assert json.loads(line) == EVENT
    assert listener.stop() == 0


def test_listen_prints_a_table_with_control_characters_escaped(listener_factory: type[Listener]) -> None:
    listener = listener_factory()
    header = listener.out.get(timeout=30)
    assert header.split()[:3] == ["TIME", "EVENT", "RCPT_TO"]
    assert post(listener.url, json.dumps([EVENT]).encode()).status == 200
    row = listener.out.get(timeout=30)
    assert "\x1b" not in row and "\\x1b" in row and "\\n" in row
    assert "failed" in row and "jane@example.com" in row and "orderID=A-17" in row
    assert listener.stop() == 0


def test_listen_requires_the_secret_and_never_prints_it(listener_factory: type[Listener]) -> None:
    listener = listener_factory("--secret", SECRET, "--format", "json")
    register = listener.err.get(timeout=30)
    assert register.startswith("register: ") and SECRET not in register
    assert post(listener.url, json.dumps([EVENT]).encode()).status == 401
    assert post(listener.url + f"?token={SECRET}", json.dumps([EVENT]).encode()).status == 200
    credentials = base64.b64encode(f"smtpcom:{SECRET}".encode()).decode()
    again = dict(EVENT, id="ev-2")
    assert post(listener.url, json.dumps([again]).encode(), {"Authorization": f"Basic {credentials}"}).status == 200
    assert [json.loads(listener.out.get(timeout=30))["id"] for _ in range(2)] == ["ev-1", "ev-2"]
    assert listener.stop() == 0
    rest = []
    while not listener.err.empty():
        rest.append(listener.err.get_nowait())
    assert rest and all(SECRET not in line for line in rest)


def test_listen_help_and_a_bad_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["callbacks", "listen", "--help"], out=io.StringIO()) == 0
    assert "--secret" in capsys.readouterr().out
    assert main(["callbacks", "listen", "--format", "xml"], out=io.StringIO()) == 2
    assert main(["callbacks"], out=io.StringIO()) == 2
