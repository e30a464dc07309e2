"""``smtp callbacks listen``: a local receiver that prints each callback event as it arrives.

::

    smtp callbacks listen --port 8000 --secret "$SECRET" --format table

Run it beside the sandbox (``python -m smtp.sandbox --callback-url http://127.0.0.1:8000/``) to
watch an application's whole mail flow in a terminal. The secret may also come from the
environment variable ``SMTPCOM_CALLBACK_SECRET`` (safer: a command line is visible to other users).
Everything printed comes from the network and is shown with control characters escaped.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from socketserver import ThreadingMixIn
from typing import IO, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from smtp._redact import redact_text
from smtp.callbacks._auth import callback_url
from smtp.callbacks._events import CallbackEvent
from smtp.callbacks._wsgi import wsgi_app

__all__ = ["add_arguments", "run", "serve"]

ENV_SECRET = "SMTPCOM_CALLBACK_SECRET"
FORMATS = ("table", "json")
_COLUMNS = (("time", 20), ("event", 13), ("rcpt_to", 30), ("subject", 30), ("id", 34))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``smtp callbacks listen``."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on, 0 for any free one (default: 8000)")
    parser.add_argument(
        "--secret",
        default=None,
        metavar="S",
        help=f"require this secret on every delivery (default: ${ENV_SECRET}, else none)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def _printable(value: Any) -> str:
    """A value as one line of terminal-safe text: control characters escaped."""
    text = "" if value is None else str(value)
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _Printer:
    def __init__(self, fmt: str, out: IO[str]) -> None:
        self.fmt = fmt
        self.out = out
        self.lock = threading.Lock()

    def header(self) -> None:
        if self.fmt == "table":
            self._write("  ".join(name.upper().ljust(width) for name, width in _COLUMNS) + "  ARGS")

    def __call__(self, event: CallbackEvent) -> None:
        if self.fmt == "json":
            # json.dumps escapes control characters (and everything non-ASCII): safe on a terminal
            self._write(json.dumps(event.to_dict(), ensure_ascii=True, sort_keys=True, default=str))
            return
        when = event.time_finished or event.time_started
        values = {
            "time": when.strftime("%Y-%m-%d %H:%M:%S") if when else "",
            "event": event.event,
            "rcpt_to": event.rcpt_to,
            "subject": event.subject,
            "id": event.id,
        }
        cells = [_cut(_printable(values[name]), width).ljust(width) for name, width in _COLUMNS]
        args = " ".join(f"{_printable(key)}={_printable(value)}" for key, value in event.unique_args.items())
        self._write("  ".join(cells) + "  " + _cut(args, 200))

    def _write(self, line: str) -> None:
        with self.lock:
            self.out.write(line.rstrip() + "\n")
            self.out.flush()


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    """Writes each request line to standard error with any secret in it masked."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        sys.stderr.write(redact_text(_printable(format % args)) + "\n")


def serve(args: argparse.Namespace, out: IO[str] | None = None) -> _Server:
    """Build the server for ``args`` (listening, not yet serving) and print where it listens."""
    out = out or sys.stdout
    secret = args.secret if args.secret is not None else os.environ.get(ENV_SECRET) or None
    printer = _Printer(args.format, out)
    app = wsgi_app(printer, secret=secret)
    server = make_server(args.host, args.port, app, server_class=_Server, handler_class=_Quiet)
    host, port = str(args.host), server.server_address[1]
    base = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    sys.stderr.write(f"listening on {base}\n")
    if secret:
        try:
            shown = callback_url(base, secret)
        except ValueError:
            shown = base + " (with the secret as basic credentials or ?token=)"
        sys.stderr.write(f"register: {redact_text(shown, [secret])}\n")
    sys.stderr.flush()
    printer.header()
    return server


def run(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    """Serve until interrupted; the exit status (0, or 2 when the port cannot be had)."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", stream=sys.stderr)
    try:
        server = serve(args, out)
    except OSError as error:
        sys.stderr.write(f"smtp callbacks listen: cannot listen on {args.host}:{args.port}: {error.strerror}\n")
        return 2
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
    finally:
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="smtp callbacks listen", description="Print callback events as they arrive.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
