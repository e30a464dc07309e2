"""The ``smtp`` command: send email, read message events, manage channels and callbacks, read
statistics and fetch reports from a terminal or a script.

::

    smtp send --channel main --from "Shop <shop@example.com>" --to jane@example.com \\
              --subject "Hello" --text "Hi Jane" --attach invoice.pdf
    smtp send-mime message.eml --channel main
    smtp messages --channel main --since 2026-11-20 --format csv > events.csv
    smtp channels list
    smtp channels create main --quota 10000 --smtp-password -      # prompts for the password
    smtp callbacks create delivered --channel main --url "https://smtpcom:$SECRET@hooks.example.com/smtp"
    smtp callbacks list
    smtp stats --specifier main --duration last_24hrs --group-by rcpt_isp --format csv
    smtp report --start 2d --channel main --output last-two-days.csv
    smtp sandbox --port 8025
    smtp demo

The API key and host come from ``--api-key``/``--host`` or the environment variables
``SMTPCOM_API_KEY``/``SMTPCOM_HOST`` (the environment is the safer place for a key: a
command line is visible to other users of the machine).

Exit status: 0 on success; 2 for a usage error, found before anything is sent (a bad option,
a missing or unreadable file, an invalid address, no API key); 1 when the API or the network
failed (the service's message is printed on standard error). Errors never print a traceback.
Text that comes from the service is printed with control characters escaped; secrets (SMTP
passwords, the credentials in callback URLs, keys) are never printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

import smtp
from smtp.configuration import DEFAULT_HOST
from smtp.exceptions import (
    ApiException,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    UnexpectedResponseError,
    service_message,
)

__all__ = ["main", "build_parser"]

PROG = "smtp"
#: environment variable read by ``smtp channels create`` for the SMTP password
ENV_SMTP_PASSWORD = "SMTPCOM_SMTP_PASSWORD"
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
def _connection_options(parser: argparse.ArgumentParser, timeout: bool = True) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--api-key", default=argparse.SUPPRESS, metavar="KEY", help="API key (default: $SMTPCOM_API_KEY)"
    )
    group.add_argument(
        "--host",
        default=argparse.SUPPRESS,
        metavar="URL",
        help=f"API base URL (default: $SMTPCOM_HOST, else {DEFAULT_HOST})",
    )
    if timeout:
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


def _format_option(parser: argparse.ArgumentParser, default: str = "table") -> None:
    parser.add_argument("--format", choices=FORMATS, default=default, help=f"output format (default: {default})")


def _add_resource_commands(
    commands: Any, callbacks_actions: Any
) -> None:  # argparse's subparser action has no public type
    """``smtp channels``, the actions of ``smtp callbacks`` beside ``listen``, ``smtp stats``, ``smtp report``."""
    from smtp.operations.callbacks import CALLBACK_EVENTS
    from smtp.operations.reports import REPORT_COLUMNS, REPORT_EVENTS
    from smtp.operations.statistics import DURATIONS, SLICES, STATS_EVENTS

    channels = commands.add_parser(
        "channels", help="list, show, create or delete channels", description="The account's channels (senders)."
    )
    actions = channels.add_subparsers(dest="channels_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every channel", description="List every channel of the account.")
    _format_option(listing)
    _connection_options(listing)
    show = actions.add_parser("show", help="one channel", description="Show one channel.")
    show.add_argument("name", metavar="NAME", help="the channel's name")
    _format_option(show)
    _connection_options(show)
    create = actions.add_parser(
        "create",
        help="create a channel",
        description="Create a channel. The SMTP username defaults to NAME. The SMTP password comes from "
        f"--smtp-password, else ${ENV_SMTP_PASSWORD}; '--smtp-password -' prompts for it (or reads a line of "
        "standard input when that is not a terminal); without any, a random one is set. It is never printed.",
    )
    create.add_argument("name", metavar="NAME", help="the new channel's name")
    create.add_argument("--quota", type=int, required=True, metavar="N", help="monthly quota (1 or more)")
    create.add_argument("--smtp-username", metavar="U", help="SMTP username (default: NAME)")
    create.add_argument(
        "--smtp-password",
        metavar="P",
        help=f"SMTP password; '-' to prompt (default: ${ENV_SMTP_PASSWORD}, else a random one)",
    )
    _format_option(create)
    _connection_options(create)
    delete = actions.add_parser(
        "delete", help="cancel a channel", description="Cancel a channel (the service keeps it as canceled)."
    )
    delete.add_argument("name", metavar="NAME", help="the channel's name")
    _format_option(delete)
    _connection_options(delete)

    cb_list = callbacks_actions.add_parser(
        "list", help="registered callbacks", description="List the registered callbacks (credentials in URLs masked)."
    )
    cb_list.add_argument("--channel", help="only this channel's")
    _format_option(cb_list)
    _connection_options(cb_list)
    cb_create = callbacks_actions.add_parser(
        "create",
        help="register a callback URL",
        description="Have the service POST one event of a channel to a URL. Callbacks are not signed: put a "
        "secret in the URL (smtp.callbacks.callback_url builds one; 'smtp callbacks listen --secret' checks it).",
    )
    cb_create.add_argument("event", metavar="EVENT", choices=CALLBACK_EVENTS, help=", ".join(CALLBACK_EVENTS))
    cb_create.add_argument("--url", required=True, help="where the events go (http or https)")
    cb_create.add_argument("--channel", required=True, help="the channel whose events to send")
    _connection_options(cb_create)
    cb_delete = callbacks_actions.add_parser(
        "delete", help="remove a callback", description="Remove the callback of one event on a channel."
    )
    cb_delete.add_argument("event", metavar="EVENT", choices=CALLBACK_EVENTS, help=", ".join(CALLBACK_EVENTS))
    cb_delete.add_argument("--channel", required=True, help="the channel the callback is on")
    _connection_options(cb_delete)
    cb_log = callbacks_actions.add_parser(
        "log", help="the latest deliveries", description="The latest callback deliveries of a channel."
    )
    cb_log.add_argument("--channel", required=True, help="the channel whose log to read")
    cb_log.add_argument("--limit", type=int, metavar="N", help="how many entries (the service's default: 20)")
    _format_option(cb_log)
    _connection_options(cb_log)

    stats = commands.add_parser(
        "stats",
        help="event counts",
        description="Event counts over a named time bracket, narrowed to one value of a slice and grouped by "
        "another slice, e.g. smtp stats --specifier main (the channel main over the last 7 days, by recipient "
        "domain).",
    )
    stats.add_argument("--duration", choices=DURATIONS, default="last_7days", help="time bracket (default: last_7days)")
    stats.add_argument("--slice", choices=SLICES, default="channel", help="what to narrow by (default: channel)")
    stats.add_argument("--specifier", required=True, metavar="VALUE", help="the slice's value, e.g. a channel name")
    stats.add_argument(
        "--group-by", choices=SLICES, default="rcpt_domain", help="what to group by (default: rcpt_domain)"
    )
    stats.add_argument("--start", default="7d", metavar="TIME", help="start (default: 7d; the duration supersedes it)")
    stats.add_argument("--end", metavar="TIME", help="end (default: now)")
    stats.add_argument("--event", action="append", choices=STATS_EVENTS, help="only this count (repeat for more)")
    stats.add_argument("--limit", type=int, default=100, metavar="N", help="groups to show, 1 to 1000 (default: 100)")
    stats.add_argument("--offset", type=int, default=0, metavar="N", help="groups to skip (default: 0)")
    _format_option(stats)
    _connection_options(stats)

    report = commands.add_parser(
        "report",
        help="request an on-demand report and save it",
        description="Request an on-demand CSV report of the message events, wait until it is built, download "
        "it and print where it was saved. A progress line is shown on standard error when it is a terminal.",
    )
    report.add_argument("--start", default="1d", metavar="TIME", help="start of the range (default: 1d)")
    report.add_argument("--end", metavar="TIME", help="end of the range (default: now)")
    report.add_argument("--channel", help="only this channel's messages (default: every channel)")
    report.add_argument("--event", action="append", choices=REPORT_EVENTS, help="only these (repeat; default: total)")
    report.add_argument("--column", action="append", choices=REPORT_COLUMNS, help="a column (repeat; default: all)")
    report.add_argument("--domain", help="only messages from this sending domain")
    report.add_argument("--rcpt-domain", help="only messages to this recipient domain")
    report.add_argument(
        "--output", "-o", metavar="PATH", help="where to save it (default: a name made from the report's, here)"
    )
    report.add_argument(
        "--timeout",
        dest="wait_timeout",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="give up waiting after this long (default: 600)",
    )
    report.add_argument(
        "--poll", type=float, default=5.0, metavar="SECONDS", help="seconds between checks (default: 5)"
    )
    report.add_argument(
        "--request-timeout",
        dest="timeout",
        type=float,
        default=argparse.SUPPRESS,
        metavar="SECONDS",
        help="timeout of each request",
    )
    _connection_options(report, timeout=False)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``smtp`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Send email, read message events, manage channels and callbacks, read statistics and fetch "
        "reports through the SMTP.com v4 API.",
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
        "callbacks",
        help="manage and receive SMTP.com callbacks",
        description="Callbacks: the events SMTP.com POSTs to a URL.",
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

    _add_resource_commands(commands, callbacks_actions)

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
    from smtp.sandbox.command import build_arg_parser, run

    return run(build_arg_parser(prog=f"{PROG} sandbox").parse_args(list(argv)))


def _run_demo(argv: Sequence[str]) -> int:
    """``smtp demo``: ``smtp.demo.main`` with its own options."""
    from smtp.demo import main as demo_main

    return int(demo_main(list(argv)) or 0)


def _callbacks_listen(args: argparse.Namespace, out: IO[str]) -> int:
    from smtp.callbacks.listen import run

    return run(args, out)


# --------------------------------------------------------------------------------------
# channels, callbacks, stats, report
# --------------------------------------------------------------------------------------
def _printable(value: Any) -> str:
    """A value from the service as terminal-safe text: control characters escaped."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def _when(epoch: Any) -> str:
    import datetime

    if isinstance(epoch, (int, float)) and not isinstance(epoch, bool):
        try:
            return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        except (OverflowError, OSError, ValueError):
            pass
    return _printable(epoch)


def _records(records: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, out: IO[str]) -> None:
    """Records (dicts) as a table with ``columns``, as JSON (every key) or as CSV (``columns``)."""
    if fmt == "json":
        import json

        # ensure_ascii: control characters (and everything else unusual) arrive escaped
        out.write(json.dumps(list(records), indent=2, ensure_ascii=True) + "\n")
        return
    rows = [[_printable(record.get(column)) for column in columns] for record in records]
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return
    titles = [column.upper() for column in columns]
    widths = [min(48, max([len(title)] + [len(row[i]) for row in rows])) for i, title in enumerate(titles)]
    for row in [titles, *rows]:
        out.write("  ".join(_cut(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)).rstrip() + "\n")


def _show(record: dict[str, Any], fmt: str, out: IO[str]) -> None:
    """One record as ``key: value`` lines, or a JSON object, or CSV (a header and one line)."""
    if fmt == "json":
        import json

        out.write(json.dumps(record, indent=2, ensure_ascii=True) + "\n")
        return
    if fmt == "csv":
        _records([record], list(record), fmt, out)
        return
    width = max((len(key) for key in record), default=0)
    for key, value in record.items():
        out.write(f"{key.ljust(width)}  {_printable(value)}\n")


def _plain(model: Any) -> dict[str, Any]:
    return dict(model.to_dict()) if model is not None else {}


_CHANNEL_COLUMNS = ("name", "status", "quota", "usage", "smtp_username", "created")


def _channel_record(model: Any, name: str | None = None) -> dict[str, Any]:
    record = _plain(model)
    if name is not None:
        record = {"name": name, **record}
    if record.get("date_created") is not None:
        record["created"] = _when(record["date_created"])
    return record


def _smtp_password(value: str | None) -> str | None:
    """``--smtp-password``: as given, '-' for a prompt (or a line of standard input), else the environment."""
    import os

    if value == "-":
        if sys.stdin.isatty():
            import getpass

            value = getpass.getpass("SMTP password: ")
        else:
            value = sys.stdin.readline().rstrip("\r\n")
        if not value:
            raise UsageError("--smtp-password -: no password given")
        return value
    return value if value is not None else (os.environ.get(ENV_SMTP_PASSWORD) or None)


def _cmd_channels(args: argparse.Namespace, out: IO[str]) -> int:
    action = args.channels_action
    password = _smtp_password(args.smtp_password) if action == "create" else None
    with _client(args) as client:
        if action == "list":
            records = [_channel_record(item) for item in client.channels()]
            _records(records, _CHANNEL_COLUMNS, args.format, out)
        elif action == "show":
            _show(_channel_record(client.get_channel(args.name), args.name), args.format, out)
        elif action == "create":
            created = client.create_channel(
                args.name, args.quota, smtp_username=args.smtp_username, smtp_password=password
            )
            _show(_channel_record(created, args.name), args.format, out)
        else:
            _show(_channel_record(client.delete_channel(args.name), args.name), args.format, out)
    return 0


def _cmd_callbacks(args: argparse.Namespace, out: IO[str]) -> int:
    from smtp._redact import redact_url

    action = args.callbacks_action
    if action == "listen":
        return _callbacks_listen(args, out)
    with _client(args) as client:
        if action == "list":
            records = [_plain(item) for item in client.callbacks(channel=args.channel)]
            for record in records:  # a callback URL carries its secret: never shown
                for key in ("address", "aws_data"):
                    if record.get(key):
                        record[key] = redact_url(str(record[key])) if key == "address" else "***"
            _records(records, ("channel", "event", "medium", "address"), args.format, out)
        elif action == "create":
            client.register_callback(args.event, args.url, channel=args.channel)
            out.write(f"{args.event} on {args.channel} -> {_printable(redact_url(args.url))}\n")
        elif action == "delete":
            client.delete_callback(args.event, channel=args.channel)
            out.write(f"deleted the {args.event} callback of {args.channel}\n")
        else:
            records = [_plain(item) for item in client.callback_log(channel=args.channel, limit=args.limit)]
            for record in records:
                if record.get("msg"):
                    record["msg"] = redact_url(str(record["msg"]))
            _records(records, ("time", "code", "msg"), args.format, out)
    return 0


def _cmd_stats(args: argparse.Namespace, out: IO[str]) -> int:
    from smtp.operations.statistics import STATS_EVENTS

    with _client(args) as client:
        groups = client.stats(
            args.duration,
            slice=args.slice,
            slice_specifier=args.specifier,
            group_by=args.group_by,
            start=args.start,
            end=args.end,
            event=args.event,
            limit=args.limit,
            offset=args.offset,
        )
    counts = sorted({key for group in groups for key in group if key != args.group_by})
    order = [*STATS_EVENTS, "complained"]
    counts.sort(key=lambda key: (order.index(key) if key in order else len(order), key))
    _records(groups, [args.group_by, *counts], args.format, out)
    return 0


def _report_file_name(report: Any) -> str:
    """A safe file name made from the report's name (text from the service), in this directory."""
    import re
    from urllib.parse import urlsplit

    suffix = ".zip" if urlsplit(str(report.url or "")).path.lower().endswith(".zip") else ".csv"
    stem = re.sub(r"[^A-Za-z0-9._+-]+", "_", str(report.name or "")).strip("._")[:100]
    if not stem:
        stem = "report-" + re.sub(r"[^A-Za-z0-9]", "", str(report.report_id or ""))[:64]
    return stem + suffix


def _cmd_report(args: argparse.Namespace, out: IO[str]) -> int:
    if not args.wait_timeout > 0 or not args.poll > 0:
        raise UsageError("--timeout and --poll must be positive seconds")
    progress = sys.stderr.isatty()

    def show(text: str) -> None:
        if progress:
            sys.stderr.write(f"\r{text:<60}")
            sys.stderr.flush()

    with _client(args) as client:
        report_id = client.request_report(
            args.start,
            args.end,
            channel=args.channel,
            events=args.event,
            columns=args.column,
            domain=args.domain,
            rcpt_domain=args.rcpt_domain,
        )
        short = _printable(report_id)[:12]
        try:
            report = client.wait_for_report(
                report_id,
                timeout=args.wait_timeout,
                poll=args.poll,
                on_progress=lambda r: show(f"report {short}: {_printable(r.status)} {_printable(r.progress)}%"),
            )
            path = args.output or _report_file_name(report)
            try:
                size = client.save_report(report, path, on_chunk=lambda n: show(f"report {short}: {n:,} bytes"))
            except OSError as error:
                raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
        finally:
            if progress:
                sys.stderr.write("\n")
    out.write(f"{_printable(path)} ({size:,} bytes)\n")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, IO[str]], int]] = {
    "send": _cmd_send,
    "send-mime": _cmd_send_mime,
    "messages": _cmd_messages,
    "callbacks": _cmd_callbacks,
    "channels": _cmd_channels,
    "stats": _cmd_stats,
    "report": _cmd_report,
}
#: commands that parse their own arguments
_DELEGATED: dict[str, Callable[[Sequence[str]], int]] = {"sandbox": _run_sandbox, "demo": _run_demo}


# --------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------
def _service_message(error: ApiException) -> str:
    """What the service said, from the reply body (``data.errors`` or ``data``)."""
    return service_message(error.body)


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
        sys.stderr.write(f"{PROG}: {_printable(describe(error))}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:  # the reader went away (smtp messages | head): stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
