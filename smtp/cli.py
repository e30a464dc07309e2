"""The ``smtp`` command: send email and read message events from a terminal or a script.

::

    smtp send --channel main --from "Shop <shop@example.com>" --to jane@example.com \\
              --subject "Hello" --text "Hi Jane" --attach invoice.pdf
    smtp send-mime message.eml --channel main
    smtp messages --channel main --since 2026-11-20 --format csv > events.csv
    smtp sandbox --port 8025
    smtp demo

The API key and host come from ``--api-key``/``--host`` or the environment variables
``SMTPCOM_API_KEY``/``SMTPCOM_HOST`` (the environment is the safer place for a key: a
command line is visible to other users of the machine).

Exit status: 0 on success; 2 for a usage error, found before anything is sent (a bad option,
a missing or unreadable file, an invalid address, no API key); 1 when the API or the network
failed (the service's message is printed on standard error). Errors never print a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

import smtp
from smtp.exceptions import ApiException, ApiTypeError, ApiValueError, BadRequestException, UnexpectedResponseError

__all__ = ["main", "build_parser"]

PROG = "smtp"
EVENTS = ("accepted", "delivered", "failed")
FORMATS = ("table", "json", "csv")
#: columns of ``smtp messages --format csv``; the table shows a subset
CSV_COLUMNS = (
    "time", "msg_time", "msg_id", "channel", "event", "from", "rcpt_to", "subject", "code", "status",
    "opens", "clicks", "complaints", "unsubs",
)  # fmt: skip


class UsageError(Exception):
    """A mistake in what the user asked for, found before anything was sent (exit status 2)."""


# --------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------
def _connection_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--api-key", default=argparse.SUPPRESS, metavar="KEY", help="API key (default: $SMTPCOM_API_KEY)"
    )
    group.add_argument(
        "--host",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="API base URL (default: $SMTPCOM_HOST, else https://api.smtp.com)",
    )
    group.add_argument(
        "--timeout", type=float, default=argparse.SUPPRESS, metavar="SECONDS", help="timeout of each request"
    )


def _envelope_options(parser: argparse.ArgumentParser, required_from: bool) -> None:
    parser.add_argument("--channel", required=True, help="channel to send through")
    parser.add_argument(
        "--from",
        dest="sender",
        required=required_from,
        metavar="ADDRESS",
        help='sender, e.g. "Shop <shop@example.com>"',
    )
    parser.add_argument("--to", action="append", metavar="ADDRESS", help="recipient (repeat for more)")
    parser.add_argument("--cc", action="append", metavar="ADDRESS", help="copy recipient (repeat for more)")
    parser.add_argument("--bcc", action="append", metavar="ADDRESS", help="blind copy recipient (repeat for more)")
    parser.add_argument("--reply-to", metavar="ADDRESS", help="Reply-To address")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``smtp`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Send email and read message events through the SMTP.com v4 Messages API.",
        epilog="Exit status: 0 ok, 1 API or network error, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version="%(prog)s " + smtp.__version__)
    _connection_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    send = commands.add_parser(
        "send", help="send one email built from options", description="Send one email; prints its msg_id."
    )
    _envelope_options(send, required_from=False)
    send.add_argument("--subject", help="subject line")
    text = send.add_mutually_exclusive_group()
    text.add_argument("--text", help="plain-text body")
    text.add_argument(
        "--text-file", metavar="PATH", help="plain-text body from a UTF-8 file ('-' reads standard input)"
    )
    html = send.add_mutually_exclusive_group()
    html.add_argument("--html", help="HTML body")
    html.add_argument("--html-file", metavar="PATH", help="HTML body from a UTF-8 file ('-' reads standard input)")
    send.add_argument("--attach", action="append", metavar="PATH", help="attach a file (repeat for more)")
    send.add_argument(
        "--inline",
        action="append",
        metavar="PATH",
        help="inline image, shown by the HTML as cid:FILENAME (repeat for more)",
    )
    send.add_argument("--header", action="append", metavar="'NAME: VALUE'", help="extra header (repeat for more)")
    _connection_options(send)

    mime = commands.add_parser(
        "send-mime",
        help="send a prepared MIME message (.eml)",
        description="Send a prepared MIME message; prints its msg_id. The envelope comes from its To/Cc/Bcc and From "
        "headers unless given as options; the Bcc header is not transmitted.",
    )
    mime.add_argument("file", metavar="FILE.eml", help="the message ('-' reads standard input)")
    _envelope_options(mime, required_from=False)
    _connection_options(mime)

    messages = commands.add_parser(
        "messages",
        help="list message events, paging through all of them",
        description="List every message event of a channel in a time range, oldest first. "
        "Times: YYYY-MM-DD (midnight UTC), ISO 8601, RFC 2822, a UNIX epoch, "
        "or a duration before now such as 2h or 3d.",
    )
    messages.add_argument("--channel", required=True, help="channel the messages were sent through")
    messages.add_argument(
        "--since", default="7d", metavar="TIME", help="start of the range (default: 7d, all the service keeps)"
    )
    messages.add_argument("--until", metavar="TIME", help="end of the range (default: now)")
    messages.add_argument("--event", action="append", choices=EVENTS, help="only this event (repeat for more)")
    messages.add_argument("--msg-id", help="only this message")
    messages.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    messages.add_argument(
        "--page-size", type=int, default=1000, metavar="N", help="items per request, 1 to 1000 (default: 1000)"
    )
    _connection_options(messages)

    from smtp.callbacks import listen as callbacks_listen  # smtp callbacks listen (helper F)

    callbacks = commands.add_parser(
        "callbacks", help="receive SMTP.com callbacks", description="Callbacks: the events SMTP.com POSTs to a URL."
    )
    callbacks_actions = callbacks.add_subparsers(dest="callbacks_action", metavar="ACTION", required=True)
    callbacks_listen.add_arguments(
        callbacks_actions.add_parser(
            "listen",
            help="print callback events as they arrive",
            description="Run a local callback receiver that prints each event as it arrives "
            "(with the sandbox: python -m smtp.sandbox --callback-url http://127.0.0.1:8000/).",
        )
    )

    commands.add_parser(
        "sandbox", help="run the local sandbox API (same as python -m smtp.sandbox)", add_help=False
    ).add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    commands.add_parser("demo", help="run the demo against an embedded sandbox", add_help=False).add_argument(
        "args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS
    )
    return parser


# --------------------------------------------------------------------------------------
# the commands
# --------------------------------------------------------------------------------------
def _client(args: argparse.Namespace) -> smtp.Client:
    from smtp.client import Client

    try:
        return Client(
            api_key=getattr(args, "api_key", None),
            host=getattr(args, "host", None),
            timeout=getattr(args, "timeout", None),
        )
    except ApiValueError as error:
        raise UsageError(str(error).replace("pass api_key=", "pass --api-key")) from None


def _read(path: str, binary: bool = False) -> Any:
    """A file's content ('-' is standard input); a missing or unreadable file is a usage error."""
    try:
        if path == "-":
            return sys.stdin.buffer.read() if binary else sys.stdin.read()
        if binary:
            with open(path, "rb") as f:
                return f.read()
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None


def _headers(values: list[str] | None) -> list[tuple]:
    pairs = []
    for value in values or ():
        name, colon, text = value.partition(":")
        if not colon or not name.strip():
            raise UsageError(f"--header {value!r}: expected 'Name: value'")
        pairs.append((name.strip(), text.strip()))
    return pairs


def _cmd_send(args: argparse.Namespace, out: IO[str]) -> int:
    if not (args.to or args.cc or args.bcc):
        raise UsageError("give at least one recipient with --to, --cc or --bcc")
    if not (args.sender or args.reply_to):
        raise UsageError("give the sender with --from (or --reply-to)")
    text = _read(args.text_file) if args.text_file else args.text
    html = _read(args.html_file) if args.html_file else args.html
    with _client(args) as client:
        msg_id = client.send(
            channel=args.channel,
            sender=args.sender,
            to=args.to,
            cc=args.cc,
            bcc=args.bcc,
            reply_to=args.reply_to,
            subject=args.subject,
            text=text,
            html=html,
            headers=_headers(args.header),
            attachments=[_file(path) for path in args.attach or ()],
            inline=[_file(path) for path in args.inline or ()],
        )
    print(msg_id, file=out)
    return 0


def _file(path: str) -> tuple:
    import os

    return (os.path.basename(path), _read(path, binary=True))


def _cmd_send_mime(args: argparse.Namespace, out: IO[str]) -> int:
    raw = _read(args.file, binary=True)
    with _client(args) as client:
        msg_id = client.send_mime(
            raw, channel=args.channel, sender=args.sender, to=args.to, cc=args.cc, bcc=args.bcc, reply_to=args.reply_to
        )
    print(msg_id, file=out)
    return 0


def _row(item: Any) -> dict[str, Any]:
    """One message item as the flat record of the table and CSV formats."""
    import datetime

    data = item.msg_data
    delivery = item.details.delivery if item.details is not None else None

    def count(section: Any, name: str) -> int:
        return len(getattr(section, name) or ()) if section is not None else 0

    when = ""
    if isinstance(item.msg_time, (int, float)):
        when = datetime.datetime.fromtimestamp(item.msg_time, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    return {
        "time": when,
        "msg_time": item.msg_time,
        "msg_id": item.msg_id,
        "channel": item.channel,
        "event": delivery.event if delivery is not None else None,
        "from": data._from if data is not None else None,
        "rcpt_to": data.rcpt_to if data is not None else None,
        "subject": data.subject if data is not None else None,
        "code": delivery.code if delivery is not None else None,
        "status": delivery.status if delivery is not None else None,
        "opens": count(item.opens, "items"),
        "clicks": count(item.clicks, "items"),
        "complaints": count(item.abuse, "complaints"),
        "unsubs": count(item.unsubs, "items"),
    }


def _cut(value: Any, width: int) -> str:
    text = "" if value is None else str(value).replace("\r", " ").replace("\n", " ")
    return text if len(text) <= width else text[: width - 3] + "..."


_TABLE = (
    ("time", "TIME (UTC)", 19),
    ("event", "EVENT", 9),
    ("rcpt_to", "TO", 32),
    ("subject", "SUBJECT", 36),
    ("msg_id", "MSG_ID", 0),
)


def _table_line(values: dict[str, Any]) -> str:
    return "  ".join(
        _cut(values[key], width).ljust(width) if width else str(values[key] or "") for key, _, width in _TABLE
    ).rstrip()


class _Writer:
    """Writes message items in one of the formats, one at a time (nothing is buffered)."""

    def __init__(self, fmt: str, out: IO[str], serialize: Callable[[Any], Any]) -> None:
        self.fmt = fmt
        self.out = out
        self.serialize = serialize
        self.count = 0
        if fmt == "csv":
            import csv

            self.csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
            self.csv.writeheader()
        elif fmt == "table":
            out.write(_table_line({key: title for key, title, _ in _TABLE}) + "\n")

    def write(self, item: Any) -> None:
        if self.fmt == "json":
            import json

            self.out.write(("[\n" if self.count == 0 else ",\n") + json.dumps(self.serialize(item), ensure_ascii=False))
        elif self.fmt == "csv":
            self.csv.writerow(_row(item))
        else:
            self.out.write(_table_line(_row(item)) + "\n")
        self.count += 1

    def finish(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


def _cmd_messages(args: argparse.Namespace, out: IO[str]) -> int:
    progress = sys.stderr.isatty()
    with _client(args) as client:
        items = client.messages(
            args.since, args.until, channel=args.channel, event=args.event, msg_id=args.msg_id, page_size=args.page_size
        )
        writer = _Writer(args.format, out, client.api_client.sanitize_for_serialization)
        try:
            for item in items:
                writer.write(item)
                if progress and writer.count % args.page_size == 0:
                    sys.stderr.write(f"\r{writer.count:d} items fetched...")
                    sys.stderr.flush()
        finally:
            writer.finish()
            if progress:
                sys.stderr.write(f"\r{writer.count:d} items{' ' * 12}\n")
    return 0


def _run_sandbox(argv: Sequence[str]) -> int:
    """``smtp sandbox``: the sandbox's own options and runner, under this command's name."""
    from smtp.sandbox.__main__ import build_arg_parser, run

    return run(build_arg_parser(prog=f"{PROG} sandbox").parse_args(list(argv)))


def _run_demo(argv: Sequence[str]) -> int:
    """``smtp demo``: ``smtp.demo.main`` with its own options."""
    from smtp.demo import main as demo_main

    return int(demo_main(list(argv)) or 0)


def _callbacks_listen(args: argparse.Namespace, out: IO[str]) -> int:
    from smtp.callbacks.listen import run

    return run(args, out)


_COMMANDS: dict[str, Callable[[argparse.Namespace, IO[str]], int]] = {
    "send": _cmd_send,
    "send-mime": _cmd_send_mime,
    "messages": _cmd_messages,
    "callbacks": _callbacks_listen,
}
#: commands that parse their own arguments
_DELEGATED: dict[str, Callable[[Sequence[str]], int]] = {"sandbox": _run_sandbox, "demo": _run_demo}


# --------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------
def _service_message(error: ApiException) -> str:
    """What the service said, from the reply body (``data.errors`` or ``data``)."""
    import json

    try:
        parsed = json.loads(error.body or "")
    except ValueError:
        return (error.body or "").strip()[:300]
    data = parsed.get("data") if isinstance(parsed, dict) else parsed
    if isinstance(data, dict) and "errors" in data:
        data = data["errors"]
    if isinstance(data, list):
        merged: dict[str, Any] = {}
        for entry in data:
            merged.update(entry if isinstance(entry, dict) else {"error": entry})
        data = merged
    if isinstance(data, dict):
        return "; ".join(f"{key}: {value}" for key, value in data.items())
    return str(data)[:300]


def describe(error: ApiException) -> str:
    """A one-line, credential-free account of an API failure for the terminal: the HTTP
    status and the service's own message, or what went wrong on the way."""
    if isinstance(error, BadRequestException) and error.errors:
        return str(error)
    if error.status is not None and not isinstance(error, UnexpectedResponseError):
        message = _service_message(error)
        return "HTTP {} {}{}".format(error.status, error.reason or "", ": " + message if message else "")
    return " ".join(str(error).split())


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None) -> int:
    """Run the ``smtp`` command with ``argv`` (``sys.argv[1:]`` by default); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    parser = build_parser()
    try:
        if argv[:1] and argv[0] in _DELEGATED:  # their own parsers see every argument as given
            return _DELEGATED[argv[0]](argv[1:])
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        if args.command in _DELEGATED:
            return _DELEGATED[args.command](args.args)
        return _COMMANDS[args.command](args, out)
    except SystemExit as stop:  # --help, --version, or a usage error argparse has printed
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    except UsageError as error:
        sys.stderr.write(f"{PROG}: error: {error}\n")
        return 2
    except (ApiValueError, ApiTypeError) as error:  # invalid input found before sending
        sys.stderr.write(f"{PROG}: error: {error}\n")
        return 2
    except ApiException as error:
        sys.stderr.write(f"{PROG}: {describe(error)}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:  # the reader went away (smtp messages | head): stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
